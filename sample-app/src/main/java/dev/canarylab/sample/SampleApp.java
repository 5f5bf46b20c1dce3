package dev.canarylab.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A running sample-app instance: the application port and, when asked for, a separate management port. */
public final class SampleApp implements AutoCloseable {

    /** Exit codes of the process, also listed in --help. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PORT_IN_USE = 3;

    private final SampleConfig config;
    private final Metrics metrics;
    private final FaultInjection faults;
    private final HealthHandlers health;
    private final Javalin app;
    private final Javalin management;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SampleApp(SampleConfig config, IntConsumer crash) throws Exception {
        this.config = config;
        ObjectMapper json = new ObjectMapper();
        this.metrics = new Metrics(config);
        this.faults = new FaultInjection(config.faults(), config.seed(), metrics, crash);
        metrics.bindFaults(faults);
        this.health = new HealthHandlers(faults);
        InfoHandlers info = new InfoHandlers(config, faults::faults);
        StoriesHandler stories = new StoriesHandler(config, json, () -> faults.faults().payloadBloat());
        AdminHandler admin = new AdminHandler(config.adminToken(), faults, json);

        this.app = Javalin.create(this::configure);
        app.get("/", faults.wrap(info::home));
        app.get("/api/color", faults.wrap(info::color));
        app.get("/api/stories", faults.wrap(stories));
        app.get("/version", info::version);
        app.get("/health/live", health::live);
        app.get("/health/ready", health::ready);

        this.management = config.separateManagementPort() ? Javalin.create(this::configure) : null;
        Javalin ops = management == null ? app : management;
        if (management != null) {
            management.get("/health/live", health::live);
            management.get("/health/ready", health::ready);
        }
        ops.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        ops.before("/admin/*", admin.authorize());
        ops.get("/admin/faults", admin::get);
        ops.put("/admin/faults", admin::put);
        ops.patch("/admin/faults", admin::patch);
        ops.delete("/admin/faults", admin::delete);
    }

    private void configure(JavalinConfig c) {
        c.showJavalinBanner = false;
        c.startupWatcherEnabled = false;
        // Compression would hide the payload-bloat fault from anyone counting bytes on the wire.
        c.http.disableCompression();
        c.jetty.threadPool = new QueuedThreadPool(400, 8, 60_000);
        c.jetty.modifyServer(server -> {
            // StatisticsHandler is what lets Jetty wait for in-flight requests when stopping.
            server.insertHandler(new StatisticsHandler());
            server.setStopTimeout(config.drainTimeout().toMillis());
        });
        c.requestLogger.http(this::record);
    }

    private void record(Context ctx, Float millis) {
        String uri;
        try {
            uri = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            uri = null;
        }
        if (uri == null || uri.isEmpty() || "*".equals(uri) || ctx.status().getCode() == 404) {
            uri = "NOT_FOUND";
        }
        long bytes = ctx.res() instanceof org.eclipse.jetty.server.Response r ? r.getHttpOutput().getWritten() : -1;
        String method = ctx.method() == HandlerType.HEAD ? "HEAD" : ctx.method().name();
        metrics.recordRequest(method, uri, ctx.status().getCode(), (long) (millis * 1_000_000L), bytes);
    }

    /** Starts an instance from command-line arguments; the in-process entry point for tests and embedding. */
    public static SampleApp start(String... args) {
        SampleConfig config = SampleOptions.parse(args);
        if (config == null) {
            throw new IllegalArgumentException("--help is not an instance");
        }
        return start(config);
    }

    public static SampleApp start(SampleConfig config) {
        return start(config, code -> Runtime.getRuntime().halt(code));
    }

    static SampleApp start(SampleConfig config, IntConsumer crash) {
        SampleApp s;
        try {
            s = new SampleApp(config, crash);
        } catch (Exception e) {
            throw new IllegalStateException("sample-app could not be set up: " + e.getMessage(), e);
        }
        try {
            listen(s.app, config.host(), config.port());
            if (s.management != null) {
                listen(s.management, config.host(), config.managementPort());
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        s.health.markStarted();
        return s;
    }

    /** Thrown when a port cannot be bound, with a message fit for the user. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void listen(Javalin javalin, String host, int port) {
        try {
            javalin.start(host, port);
        } catch (Exception e) { // Javalin (Kotlin) can throw checked exceptions undeclared
            // Jetty's graceful stop after a failed bind can hide the BindException, so ask the address and port.
            if (!canBind(host, 0)) {
                throw new SampleOptions.UsageException("--host " + host + " is not an address of this machine");
            }
            if (port != 0 && !canBind(host, port)) {
                throw new PortInUseException("port " + port + " on " + host + " is already in use", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("could not start on port " + port, e);
        }
    }

    private static boolean canBind(String host, int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(host, port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public int port() {
        return app.port();
    }

    public int managementPort() {
        return management == null ? app.port() : management.port();
    }

    public SampleConfig config() {
        return config;
    }

    /** Stops accepting, lets in-flight requests finish within the drain timeout, then releases everything. */
    @Override
    public void close() {
        if (management != null) {
            stopQuietly(management);
        }
        stopQuietly(app);
        faults.close();
        metrics.close();
        stopped.countDown();
    }

    private static void stopQuietly(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            // a server that never started has nothing to drain
        }
    }

    public static void main(String[] args) throws InterruptedException {
        long startNanos = System.nanoTime();
        SampleConfig config;
        try {
            config = SampleOptions.parse(args);
        } catch (SampleOptions.UsageException e) {
            System.err.println("sample-app: error: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (config == null) {
            System.exit(EXIT_OK);
            return;
        }
        SampleApp s;
        try {
            s = start(config);
        } catch (PortInUseException e) {
            System.err.println("sample-app: error: " + e.getMessage());
            System.exit(EXIT_PORT_IN_USE);
            return;
        } catch (SampleOptions.UsageException e) {
            System.err.println("sample-app: error: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        stopOnSignal(s, "TERM");
        stopOnSignal(s, "INT");
        exitWithParent(s, config.parentPid());
        System.err.println(s.startupLine((System.nanoTime() - startNanos) / 1_000_000));
        s.stopped.await();
        System.exit(EXIT_OK);
    }

    private String startupLine(long startMillis) {
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        String mgmt = management == null ? "" : " (management port " + managementPort() + ")";
        String active = config.faults().describe().isEmpty() ? "none" : String.join(", ", config.faults().describe());
        return "sample-app " + config.version() + " (" + config.color() + ", " + config.track() + ", instance "
                + config.instanceId() + ") listening on http://" + config.host() + ":" + port() + mgmt
                + " after " + startMillis + " ms (JVM up " + jvmMillis + " ms); seed " + config.seed() + "; faults: " + active;
    }

    /**
     * A supervisor that dies without stopping its children (SIGKILL, a crash) must not leave them serving: when
     * the given process is gone, this instance drains and exits as on SIGTERM. Nothing in the JVM signals a
     * parent's death on every platform, so this watches the process handle.
     */
    private static void exitWithParent(SampleApp s, long parentPid) {
        if (parentPid == SampleConfig.NO_PARENT) {
            return;
        }
        Runnable stop = () -> new Thread(() -> {
            System.err.println("sample-app: parent process " + parentPid + " is gone, stopping");
            s.close();
        }, "parent-gone").start();
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(stop), stop);
    }

    // A handled SIGTERM lets the process drain and exit 0, where the JVM's default would exit 143 mid-request.
    @SuppressWarnings("restriction")
    private static void stopOnSignal(SampleApp s, String name) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> new Thread(() -> {
            System.err.println("sample-app: SIG" + name + " received, draining in-flight requests");
            s.close();
        }, "shutdown").start());
    }
}
