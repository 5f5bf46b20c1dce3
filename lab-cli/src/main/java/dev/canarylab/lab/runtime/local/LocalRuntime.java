package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Audience;
import dev.canarylab.lab.runtime.AudienceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded runtime: replicas are sample-app child processes on loopback, the router is the ingress. Changes
 * are surge-first, as a Deployment with maxUnavailable 0: a track's old replicas keep serving until its new ones
 * are all ready, then they are drained.
 */
public final class LocalRuntime implements LabRuntime {

    /** How the runtime runs its replicas. */
    public record Settings(Path sampleJar, String host, int port, String heap, long seed, int stableReplicas,
            Duration readyTimeout, Path stateDir, Audience audience) {

        /** How long a promotion waits for the new stable replicas unless told otherwise. */
        public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

        public Settings(Path sampleJar, String host, int port, String heap, long seed, int stableReplicas) {
            this(sampleJar, host, port, heap, seed, stableReplicas, DEFAULT_READY_TIMEOUT, null, null);
        }

        /** The same settings; promotions wait {@code timeout} for the new stable (lab up --timeout). */
        public Settings withReadyTimeout(Duration timeout) {
            return new Settings(sampleJar, host, port, heap, seed, stableReplicas, timeout, stateDir, audience);
        }

        /** The same settings; services write their output under {@code dir}/instances (null: a temporary folder). */
        public Settings withStateDir(Path dir) {
            return new Settings(sampleJar, host, port, heap, seed, stableReplicas, readyTimeout, dir, audience);
        }

        /** The same settings, with the router also listening for the audience (null: audience mode off). */
        public Settings withAudience(Audience next) {
            return new Settings(sampleJar, host, port, heap, seed, stableReplicas, readyTimeout, stateDir, next);
        }
    }

    private final Catalog catalog;
    private final Settings settings;
    private final Consumer<String> log;
    private final String adminToken;
    private final RouterTelemetry telemetry = new RouterTelemetry();
    private final Supervisor supervisor;
    private final Router router;
    private final Tracks tracks;
    private final LocalMetrics metrics;
    private final ReplicaStopper stopper = new ReplicaStopper();
    private final Object routesLock = new Object();
    private final RouteBook routes = new RouteBook();
    private volatile Instant lastChange = Instant.now();
    private volatile String lastChangeSummary = "lab up";
    private volatile boolean closed;

    private LocalRuntime(Catalog catalog, Settings settings, Consumer<String> log) {
        this.catalog = catalog;
        this.settings = settings;
        this.log = log;
        this.adminToken = Launcher.newAdminToken();
        Launcher launcher = new Launcher(settings.sampleJar().toAbsolutePath(), settings.heap(), settings.seed(),
                ProcessHandle.current().pid(), adminToken);
        this.supervisor = new Supervisor(launcher, instanceDir(settings), log, this::readinessChanged);
        this.tracks = new Tracks(supervisor, this::changed);
        this.metrics = new LocalMetrics(telemetry, tracks::all, tracks::versionOn);
        try {
            this.router = Router.start(settings.host(), settings.port(), telemetry, settings.audience(), this::colour);
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    private static Path instanceDir(Settings settings) {
        if (settings.stateDir() != null) {
            return settings.stateDir().resolve("instances");
        }
        try {
            return Files.createTempDirectory("lab-instances-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make a folder for the instances' output", e);
        }
    }

    /** Starts the router and the catalogue's stable version; returns at once (see {@link #status()} for readiness). */
    public static LocalRuntime start(Catalog catalog, Settings settings, Consumer<String> log) {
        boolean sampleApp = catalog.versions().values().stream().anyMatch(VersionSpec::sampleApp);
        if (sampleApp && !Files.isRegularFile(settings.sampleJar())) {
            throw new LabException(ExitCodes.MISSING_JAR, "sample-app jar not found at " + settings.sampleJar()
                    + "; build it with ./mvnw -pl sample-app package, or run scripts/lab");
        }
        LocalRuntime rt = new LocalRuntime(catalog, settings, log);
        rt.metrics.startScraping(rt.supervisor, log);
        rt.deploy(catalog.stable(), Track.STABLE, settings.stableReplicas());
        return rt;
    }

    public String routerUrl() {
        return "http://" + settings.host() + ":" + router.port();
    }

    /** The audience page's address, as the QR code gives it; empty when audience mode is off. */
    public Optional<String> audienceUrl() {
        return settings.audience() == null ? Optional.empty()
                : Optional.of(settings.audience().url(router.audiencePort()));
    }

    @Override
    public Optional<AudienceStatus> audience() {
        return audienceUrl().map(url -> {
            List<AudienceStatus.Devices> devices = new java.util.ArrayList<>();
            router.devices().counts().forEach((v, n) -> devices.add(new AudienceStatus.Devices(v, colour(v), n)));
            devices.sort(java.util.Comparator.comparingInt(AudienceStatus.Devices::count).reversed());
            return new AudienceStatus(url, AudienceDevices.WINDOW_SECONDS, devices);
        });
    }

    private String colour(String version) {
        VersionSpec v = catalog.versions().get(version);
        return v == null ? null : v.color();
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Held in memory only: every instance of this lab gets it in its environment, and the router never forwards /admin. */
    @Override
    public Optional<String> instanceAdminToken() {
        return Optional.of(adminToken);
    }

    /**
     * Starts a Prometheus of the lab's own ({@code lab up --prometheus}) that scrapes the router and every
     * instance; from then on {@link #metricSource()} reads from it. Stopped by {@link #close()}.
     */
    public void startPrometheus(Path binary, Path workDir, Duration timeout) {
        metrics.startPrometheus(binary, workDir, router.port(), timeout, log);
    }

    /** Analyses read from an existing Prometheus ({@code lab up --prometheus-url}), which must scrape the lab. */
    public void usePrometheus(URI url) {
        metrics.usePrometheus(url);
    }

    /** The lab's own Prometheus, or null. */
    PrometheusServer prometheusServer() {
        return metrics.prometheusServer();
    }

    /** The Prometheus analyses read from, or null when they read the embedded telemetry. */
    public URI prometheusUrl() {
        return metrics.prometheusUrl();
    }

    @Override
    public MetricSource metricSource() {
        return metrics.source();
    }

    @Override
    public void deploy(String version, Track track, int replicas) {
        VersionSpec spec = catalog.version(version);
        RuntimeRules.checkDeploy(track, replicas);
        if (!spec.sampleApp() && !spec.service().runsLocally()) {
            throw LabException.badInput("version '" + version + "' has only an image, for a cluster; the local"
                    + " runtime needs a command or a jar (or run with --runtime k3s)");
        }
        List<Replica> toStop = tracks.deploy(spec, track, replicas);
        rebuildRoutes();
        stopper.stopAsync(toStop);
    }

    @Override
    public void setWeight(int percent) {
        tracks.setWeight(percent);
        rebuildRoutes();
    }

    @Override
    public void promote() {
        Tracks.Promotion promotion = tracks.routeAllToCanary();
        rebuildRoutes();
        stopper.stopAsync(promotion.toStop());
        deploy(promotion.version().name(), Track.STABLE, promotion.replicas());
        try {
            awaitReady(Track.STABLE, settings.readyTimeout());
        } catch (LabException e) {
            throw RuntimeRules.promotionStalled(e, "the canary still serves 100%; 'lab rollback' returns all traffic to"
                    + " the previous stable");
        }
        List<Replica> canary = tracks.finishPromotion(promotion.version());
        endRelease();
        rebuildRoutes();
        stopper.stopAsync(canary);
    }

    @Override
    public void rollback() {
        List<Replica> toStop = tracks.rollback();
        endRelease();
        rebuildRoutes();
        stopper.stopAsync(toStop);
    }

    @Override
    public void setRoute(RouteRule rule) {
        RuntimeRules.checkRouteTarget(rule.track(), tracks.versionOn(rule.track()) != null, "route " + rule.name());
        routes.set(rule);
        changed("route " + rule.describe());
        rebuildRoutes();
    }

    @Override
    public void removeRoute(String name) {
        routes.remove(name);
        changed("removed route " + name);
        rebuildRoutes();
    }

    @Override
    public void setAffinity(Affinity affinity) {
        routes.affinity(affinity);
        changed("session affinity on: " + affinity.describe());
        rebuildRoutes();
    }

    @Override
    public void clearAffinity() {
        routes.affinity(null);
        changed("session affinity off");
        rebuildRoutes();
    }

    @Override
    public void setMirror(Mirror mirror) {
        if (mirror.on()) {
            RuntimeRules.checkRouteTarget(Track.CANARY, tracks.versionOn(Track.CANARY) != null, "mirroring");
        }
        routes.mirror(mirror);
        changed("mirroring " + mirror.describe());
        rebuildRoutes();
    }

    /** A promotion or rollback ends the release's routes and mirror, as Argo Rollouts removes its managed routes. */
    private void endRelease() {
        Routing before = routing();
        routes.endRelease();
        if (!before.rules().isEmpty() || before.mirror().on()) {
            log.accept("removed the release's routes and mirroring");
        }
    }

    private Routing routing() {
        RouteSet r = routes.current();
        return new Routing(r.ruleList(), r.affinity(), r.mirror(), router.mirroring().sent(),
                router.mirroring().dropped());
    }

    private void changed(String summary) {
        lastChange = Instant.now();
        lastChangeSummary = summary;
        log.accept(summary);
    }

    /** A replica became ready or stopped being ready: route accordingly, and retire old replicas once replaced. */
    private void readinessChanged() {
        List<Replica> toStop = tracks.retireReplaced();
        rebuildRoutes();
        stopper.stopAsync(toStop);
    }

    private void rebuildRoutes() {
        synchronized (routesLock) {
            router.route(tracks.routingTable().withRoutes(routes.current()));
        }
        metrics.updateTargets();
    }

    @Override
    public RuntimeStatus status() {
        List<TrackStatus> list = tracks.status();
        return new RuntimeStatus(routerUrl(), tracks.canaryWeight(), lastChange, lastChangeSummary, list, routing());
    }

    /** The router's own telemetry, which can also list single requests ({@link RouterTelemetry#requestLog}). */
    @Override
    public RouterTelemetry telemetry() {
        return telemetry;
    }

    /** Stops every replica (drain, then kill after the grace period) and the router; returns when all are gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Replica> all = stopper.stopAll(tracks.all());
        router.close();
        supervisor.close();
        boolean hadPrometheus = metrics.close();
        log.accept("stopped " + all.size() + " instance" + (all.size() == 1 ? "" : "s") + " and the router"
                + (hadPrometheus ? " and Prometheus" : ""));
    }
}
