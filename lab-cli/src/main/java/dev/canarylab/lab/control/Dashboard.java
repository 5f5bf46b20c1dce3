package dev.canarylab.lab.control;

import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RuntimeStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live lab page, served by the control server beside the API it calls: the page and its scripts (public:
 * they hold no data), a server-sent event stream of traffic, status and rollout (with the token), a JSON snapshot
 * for clients without event streams, and the reports, read-only.
 */
public final class Dashboard implements AutoCloseable {

    /** Where the page lives on the control server. */
    public static final String PATH = "/lab/";

    private static final String ASSET = "[a-z0-9-]+\\.(html|js|css|svg)";

    /** What a page (or a poller) needs to draw everything at once. */
    record Snapshot(RuntimeStatus status, List<TrafficSampler.Point> history, RolloutState rollout) {
    }

    private final TrafficSampler sampler;
    private final RolloutBoard board;
    /** Writes to the pages, so that a slow page never holds up the sampler or a rollout's update. */
    private final java.util.concurrent.ExecutorService pusher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-push");
        t.setDaemon(true);
        return t;
    });

    private Dashboard(TrafficSampler sampler, RolloutBoard board) {
        this.sampler = sampler;
        this.board = board;
    }

    /** The page's address with the token of the lab {@code state} describes. */
    public static String url(LabState state) {
        return state.controlUrl() + PATH + "?token=" + state.token();
    }

    /** The page and its scripts: what anyone on this machine may fetch without the token. */
    public static boolean isPublic(String path) {
        return path.equals("/lab") || path.equals(PATH)
                || path.startsWith(PATH) && path.substring(PATH.length()).matches(ASSET);
    }

    public static Dashboard install(Javalin app, LabRuntime runtime, RolloutBoard board) {
        Dashboard d = new Dashboard(new TrafficSampler(runtime), board);
        app.get(PATH, ctx -> {
            if (!ctx.path().endsWith("/")) { // the router ignores trailing slashes; the page's links need one
                ctx.redirect(PATH + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
                return;
            }
            asset(ctx, "index.html");
        });
        app.get(PATH + "{asset}", ctx -> asset(ctx, ctx.pathParam("asset")));
        app.get(RolloutBoard.REPORTS_PATH + "{name}", d::report);
        app.get("/v1/dashboard/snapshot", ctx -> {
            d.sampler.interested();
            ctx.json(d.snapshot());
        });
        app.sse("/v1/dashboard/events", d::stream);
        return d;
    }

    private Snapshot snapshot() {
        return new Snapshot(sampler.status(), sampler.history(), board.current().orElse(null));
    }

    /** One event stream: "hello" (a snapshot), then "tick" every second and "rollout" on every update. */
    private void stream(SseClient client) {
        client.keepAlive();
        Object lock = new Object();
        List<Runnable> leave = new java.util.ArrayList<>();
        Consumer<TrafficSampler.Sample> ticks = s -> pusher.execute(() -> send(client, lock, "tick", s, leave));
        Consumer<RolloutState> rollouts = r -> pusher.execute(() -> send(client, lock, "rollout", r, leave));
        leave.add(() -> sampler.unwatch(ticks));
        leave.add(() -> board.unwatch(rollouts));
        client.onClose(() -> leave.forEach(Runnable::run));
        send(client, lock, "hello", snapshot(), leave);
        sampler.watch(ticks);
        board.watch(rollouts);
    }

    /** Sends to one page; a page gone away (tab closed, network down) stops getting updates. */
    private static void send(SseClient client, Object lock, String event, Object data, List<Runnable> leave) {
        synchronized (lock) {
            try {
                if (!client.terminated()) {
                    client.sendEvent(event, data);
                }
            } catch (RuntimeException e) {
                client.close();
            }
            if (client.terminated()) {
                leave.forEach(Runnable::run);
            }
        }
    }

    private static void asset(Context ctx, String name) {
        InputStream in = name.matches(ASSET) ? Dashboard.class.getResourceAsStream("/dashboard/" + name) : null;
        if (in == null) {
            ctx.status(404).result("no such file: " + name);
            return;
        }
        ctx.header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .contentType(type(name)).result(in);
    }

    private void report(Context ctx) {
        Path file = board.report(ctx.pathParam("name")).orElse(null);
        if (file == null) {
            ctx.status(404).result("no such report");
            return;
        }
        try {
            ctx.header("Referrer-Policy", "no-referrer").contentType(type(file.getFileName().toString()))
                    .result(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "json" -> "application/json";
            case "xml" -> "application/xml";
            default -> "text/plain; charset=utf-8";
        };
    }

    @Override
    public void close() {
        sampler.close();
        pusher.shutdownNow();
    }
}
