package dev.canarylab.lab.control;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.traffic.TrafficDriver;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running lab's control API, on loopback only, behind a random bearer token: what the {@code lab} commands
 * (and later the rollout engine) call. Errors answer with the message and exit code the CLI should show.
 */
public final class ControlServer implements AutoCloseable {

    /** Request bodies. */
    public record DeployRequest(String version, String track, int replicas) {
    }

    public record WeightRequest(int percent) {
    }

    public record TrafficRequest(List<String> flags) {
    }

    public record Message(String message) {
    }

    public record Error(String error, int exitCode) {
    }

    /** The answer to a rollout's update: why it should stop, or null. */
    public record AbortAnswer(String abort) {
    }

    public record AbortRequest(String reason) {
    }

    public record RemoveRouteRequest(String name) {
    }

    /** Session affinity on, with defaults for what is not given ({@link Affinity#defaults()}). */
    public record AffinityRequest(String cookie, Long maxAgeSeconds) {
    }

    private static final Set<String> FEED_FIELDS = Arrays.stream(RolloutState.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toSet());

    private final Javalin app;
    private final String token;
    private final Dashboard dashboard;

    private ControlServer(Javalin app, String token, Dashboard dashboard) {
        this.app = app;
        this.token = token;
        this.dashboard = dashboard;
    }

    public static ControlServer start(LabRuntime runtime, TrafficDriver traffic, String routerUrl, Runnable down) {
        return start(runtime, traffic, routerUrl, down, null);
    }

    /** @param reportsDir the lab's reports, served read-only to the dashboard (null: only those rollouts name) */
    public static ControlServer start(LabRuntime runtime, TrafficDriver traffic, String routerUrl, Runnable down,
            Path reportsDir) {
        String token = newToken();
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jsonMapper(new JavalinJackson(StateFile.JSON.copy(), false));
        });
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        app.before(ctx -> {
            if (Dashboard.isPublic(ctx.path())) {
                return;
            }
            String given = ctx.header("Authorization");
            if (given == null && ctx.method() == HandlerType.GET && ctx.queryParam("token") != null) {
                given = "Bearer " + ctx.queryParam("token"); // event streams and links cannot send headers
            }
            if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                ctx.status(401).json(new Error("the control API needs the token in .lab/state.json", ExitCodes.USAGE));
                ctx.skipRemainingHandlers();
            }
        });
        app.exception(LabException.class, (e, ctx) -> ctx.status(e.exitCode() == ExitCodes.USAGE ? 400 : 409)
                .json(new Error(e.getMessage(), e.exitCode())));
        app.exception(Exception.class, (e, ctx) -> ctx.status(500)
                .json(new Error("internal error in the lab: " + e, ExitCodes.SOFTWARE)));

        app.get("/v1/status", ctx -> ctx.json(runtime.status()));
        app.post("/v1/deploy", ctx -> {
            JsonBody b = JsonBody.parse(ctx.body(), Set.of("version", "track", "replicas"), false);
            // 10: the most replicas a runtime runs (LocalRuntime, KubeRuntime)
            DeployRequest r = new DeployRequest(b.text("version"), b.text("track"), b.whole("replicas", 0, 10));
            runtime.deploy(r.version(), Track.parse(r.track()), r.replicas());
            ctx.json(new Message("ok"));
        });
        app.post("/v1/weight", ctx -> {
            runtime.setWeight(JsonBody.parse(ctx.body(), Set.of("percent"), false).whole("percent", 0, 100));
            ctx.json(new Message("ok"));
        });
        app.post("/v1/promote", ctx -> {
            runtime.promote();
            ctx.json(new Message("ok"));
        });
        app.post("/v1/rollback", ctx -> {
            runtime.rollback();
            ctx.json(new Message("ok"));
        });
        app.get("/v1/routes", ctx -> ctx.json(runtime.status().routing()));
        app.post("/v1/routes", ctx -> {
            RouteRule rule = JsonBody.parse(ctx.body(), Set.of("name", "match", "track"), false).as(RouteRule.class);
            runtime.setRoute(rule);
            ctx.json(new Message("route " + rule.describe()));
        });
        app.post("/v1/routes/remove", ctx -> {
            String name = JsonBody.parse(ctx.body(), Set.of("name"), false).text("name");
            runtime.removeRoute(name);
            ctx.json(new Message("removed route " + name));
        });
        app.post("/v1/affinity", ctx -> {
            JsonBody b = JsonBody.parse(ctx.body(), Set.of("cookie", "maxAgeSeconds"), true);
            String cookie = b.optionalText("cookie");
            Integer maxAge = b.optionalWhole("maxAgeSeconds", 1, Integer.MAX_VALUE);
            Affinity a = new Affinity(cookie == null ? Affinity.DEFAULT_COOKIE : cookie,
                    maxAge == null ? Affinity.DEFAULT_MAX_AGE_SECONDS : maxAge);
            runtime.setAffinity(a);
            ctx.json(new Message("session affinity on: " + a.describe()));
        });
        app.post("/v1/affinity/off", ctx -> {
            runtime.clearAffinity();
            ctx.json(new Message("session affinity off"));
        });
        app.post("/v1/mirror", ctx -> {
            Mirror m = JsonBody.parse(ctx.body(), Set.of("percent", "match"), false).as(Mirror.class);
            runtime.setMirror(m);
            ctx.json(new Message("mirroring " + m.describe()));
        });
        app.post("/v1/traffic/start", ctx -> ctx.json(new Message(
                traffic.start(routerUrl, JsonBody.parse(ctx.body(), Set.of("flags"), false).texts("flags")))));
        app.post("/v1/traffic/stop", ctx -> ctx.json(new Message(traffic.stop())));
        app.get("/v1/telemetry/requests", ctx -> ctx.json(runtime.telemetry().requests(track(ctx), from(ctx), to(ctx),
                origin(ctx))));
        app.get("/v1/telemetry/resources", ctx -> ctx.json(runtime.telemetry().resources(track(ctx), from(ctx), to(ctx))));
        RolloutBoard board = new RolloutBoard(reportsDir);
        app.post("/v1/rollout/feed", ctx -> ctx.json(new AbortAnswer(board.update(
                JsonBody.parse(ctx.body(), FEED_FIELDS, false).as(RolloutState.class)))));
        app.get("/v1/rollout", ctx -> ctx.json(board.current().orElseThrow(() -> LabException.badInput("no rollout has run on this lab yet"))));
        app.post("/v1/rollout/abort", ctx -> {
            String reason = JsonBody.parse(ctx.body(), Set.of("reason"), true).optionalText("reason");
            board.requestAbort(reason == null ? "aborted from the dashboard" : reason);
            ctx.json(new Message("abort requested: the rollout stops at its next update and traffic goes back to stable"));
        });
        InstanceFaults faults = new InstanceFaults(runtime);
        app.get("/v1/faults", ctx -> ctx.json(faults.read()));
        app.post("/v1/faults", ctx -> ctx.json(faults.change(faultChange(ctx.body()))));
        AudienceBoard.install(app, runtime);
        Dashboard dashboard = Dashboard.install(app, runtime, board);
        app.post("/v1/down", ctx -> {
            ctx.json(new Message("stopping"));
            Thread t = new Thread(down, "lab-down");
            t.start();
        });
        app.start("127.0.0.1", 0);
        return new ControlServer(app, token, dashboard);
    }

    private static InstanceFaults.Change faultChange(String body) {
        JsonBody b = JsonBody.parse(body, Set.of("version", "latencyMs", "latencyRatio", "errorRate", "clear"), false);
        return new InstanceFaults.Change(b.text("version"), b.optionalWhole("latencyMs", 0, 60_000),
                b.optionalNumber("latencyRatio", 0, 1), b.optionalNumber("errorRate", 0, 1), b.optionalBool("clear"));
    }

    private static Track track(Context ctx) {
        return Track.parse(ctx.queryParamAsClass("track", String.class).getOrDefault("canary"));
    }

    private static Telemetry.Origin origin(Context ctx) {
        String text = ctx.queryParam("origin");
        if (text == null || text.isBlank()) {
            return Telemetry.Origin.ALL;
        }
        for (Telemetry.Origin o : Telemetry.Origin.values()) {
            if (o.name().equalsIgnoreCase(text)) {
                return o;
            }
        }
        throw LabException.badInput("origin is all, client or mirror, got '" + text + "'");
    }

    private static Instant from(Context ctx) {
        return instant(ctx.queryParam("from"), Instant.EPOCH);
    }

    private static Instant to(Context ctx) {
        return instant(ctx.queryParam("to"), Instant.now().plusSeconds(1));
    }

    private static Instant instant(String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (RuntimeException e) {
            throw LabException.badInput("a time is epoch milliseconds or ISO-8601 (2026-01-01T10:00:00Z), got '" + text + "'");
        }
    }

    private static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public String token() {
        return token;
    }

    /** The dashboard's address, with the token. */
    public String dashboardUrl() {
        return url() + Dashboard.PATH + "?token=" + token;
    }

    @Override
    public void close() {
        dashboard.close();
        app.stop();
    }
}
