package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.metrics.PrometheusSource;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded runtime: replicas are sample-app child processes on loopback, the router is the ingress. Changes
 * are surge-first, as a Deployment with maxUnavailable 0: a track's old replicas keep serving until its new ones
 * are all ready, then they are drained.
 */
public final class LocalRuntime implements LabRuntime {

    /** How the runtime runs its replicas. */
    public record Settings(Path sampleJar, String host, int port, String heap, long seed, int stableReplicas,
            Duration readyTimeout) {

        /** How long a promotion waits for the new stable replicas unless told otherwise. */
        public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

        public Settings(Path sampleJar, String host, int port, String heap, long seed, int stableReplicas) {
            this(sampleJar, host, port, heap, seed, stableReplicas, DEFAULT_READY_TIMEOUT);
        }

        /** The same settings; promotions wait {@code timeout} for the new stable (lab up --timeout). */
        public Settings withReadyTimeout(Duration timeout) {
            return new Settings(sampleJar, host, port, heap, seed, stableReplicas, timeout);
        }
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(7);
    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(2);

    private final Catalog catalog;
    private final Settings settings;
    private final Consumer<String> log;
    private final String adminToken;
    private final RouterTelemetry telemetry = new RouterTelemetry();
    private final Supervisor supervisor;
    private final Router router;
    private final Object lock = new Object();
    private final Object routesLock = new Object();
    private final Map<Track, Deployment> tracks = new EnumMap<>(Track.class);
    private final Map<Track, Deployment> retiring = new EnumMap<>(Track.class);
    private final java.util.Set<Replica> stopping = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int serial;
    private volatile int canaryWeight;
    private volatile Instant lastChange = Instant.now();
    private volatile String lastChangeSummary = "lab up";
    private volatile boolean closed;
    private volatile PrometheusServer prometheus;
    private volatile URI prometheusUrl;

    /** The replicas of one version on one track. */
    private record Deployment(VersionSpec version, List<Replica> replicas) {
        long ready() {
            return replicas.stream().filter(Replica::ready).count();
        }
    }

    private LocalRuntime(Catalog catalog, Settings settings, Consumer<String> log) {
        this.catalog = catalog;
        this.settings = settings;
        this.log = log;
        this.adminToken = Launcher.newAdminToken();
        Launcher launcher = new Launcher(settings.sampleJar().toAbsolutePath(), settings.heap(), settings.seed(),
                ProcessHandle.current().pid(), adminToken);
        this.supervisor = new Supervisor(launcher, log, this::readinessChanged);
        try {
            this.router = Router.start(settings.host(), settings.port(), telemetry);
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    /** Starts the router and the catalogue's stable version; returns at once (see {@link #status()} for readiness). */
    public static LocalRuntime start(Catalog catalog, Settings settings, Consumer<String> log) {
        if (!Files.isRegularFile(settings.sampleJar())) {
            throw new LabException(ExitCodes.MISSING_JAR, "sample-app jar not found at " + settings.sampleJar()
                    + "; build it with ./mvnw -pl sample-app package, or run scripts/lab");
        }
        LocalRuntime rt = new LocalRuntime(catalog, settings, log);
        InstanceScraper scraper = new InstanceScraper(rt.supervisor.http, rt::allReplicas, rt.telemetry);
        rt.supervisor.scheduler.scheduleWithFixedDelay(() -> {
            try {
                rt.updateScrapeTargets();
                scraper.scrapeAll();
            } catch (RuntimeException e) {
                log.accept("scrape failed: " + e);
            }
        }, SCRAPE_EVERY.toMillis(), SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        rt.deploy(catalog.stable(), Track.STABLE, settings.stableReplicas());
        return rt;
    }

    public String routerUrl() {
        return "http://" + settings.host() + ":" + router.port();
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
        PrometheusServer server = PrometheusServer.start(binary, workDir, router.port(), ProcessHandle.current().pid(),
                timeout, log);
        prometheus = server;
        prometheusUrl = server.url();
        updateScrapeTargets();
    }

    /** Analyses read from an existing Prometheus ({@code lab up --prometheus-url}), which must scrape the lab. */
    public void usePrometheus(URI url) {
        prometheusUrl = url;
    }

    /** The lab's own Prometheus, or null. */
    PrometheusServer prometheusServer() {
        return prometheus;
    }

    /** The Prometheus analyses read from, or null when they read the embedded telemetry. */
    public URI prometheusUrl() {
        return prometheusUrl;
    }

    @Override
    public MetricSource metricSource() {
        URI url = prometheusUrl;
        return url == null ? new EmbeddedSource(telemetry)
                : new PrometheusSource(PrometheusSource.Settings.local(url), this::versionOn);
    }

    private String versionOn(Track track) {
        synchronized (lock) {
            Deployment d = tracks.get(track);
            return d == null ? null : d.version().name();
        }
    }

    /** Every instance with a port, as Prometheus targets (ports change when an instance restarts). */
    private void updateScrapeTargets() {
        PrometheusServer server = prometheus;
        if (server == null) {
            return;
        }
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (Replica r : allReplicas()) {
            int port = r.port();
            if (port != 0) {
                targets.add(new PrometheusServer.Target(port, r.track.label(), r.version.name(), r.id));
            }
        }
        server.targets(targets);
    }

    @Override
    public void deploy(String version, Track track, int replicas) {
        VersionSpec spec = catalog.version(version);
        RuntimeRules.checkDeploy(track, replicas);
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            Deployment current = tracks.get(track);
            if (replicas == 0) {
                if (current != null) {
                    tracks.remove(track);
                    toStop.addAll(current.replicas());
                }
                changed("removed " + track.label());
            } else if (current != null && current.version().equals(spec)) {
                List<Replica> list = new ArrayList<>(current.replicas());
                // Scaling down removes first what serves nobody, as a ReplicaSet does: dead, then not ready, then newest.
                Map<Replica, Integer> usefulness = new HashMap<>();
                list.forEach(r -> usefulness.put(r, r.dead() ? 0 : r.ready() ? 2 : 1));
                list.sort(Comparator.<Replica>comparingInt(usefulness::get).thenComparing(r -> -r.index));
                while (list.size() > replicas) {
                    toStop.add(list.remove(0));
                }
                // Deploying what runs already repairs it: a dead replica is replaced at once, not left to its back-off.
                int repaired = 0;
                for (int i = 0; i < list.size(); i++) {
                    Replica r = list.get(i);
                    if (r.dead()) {
                        toStop.add(r);
                        list.set(i, startReplica(spec, track, r.index));
                        repaired++;
                    }
                }
                while (list.size() < replicas) {
                    list.add(startReplica(spec, track, freeIndex(list)));
                }
                list.sort(Comparator.comparingInt(r -> r.index));
                tracks.put(track, new Deployment(spec, list));
                changed("scaled " + track.label() + " " + spec.name() + " to " + replicas
                        + (repaired == 0 ? "" : "; replaced " + repaired + " dead replica" + (repaired == 1 ? "" : "s")));
            } else {
                List<Replica> list = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    list.add(startReplica(spec, track, i));
                }
                if (current != null) {
                    Deployment older = retiring.put(track, current);
                    if (older != null) {
                        toStop.addAll(older.replicas());
                    }
                }
                tracks.put(track, new Deployment(spec, list));
                changed("deployed " + spec.name() + " to " + track.label() + " (" + replicas + " replica"
                        + (replicas == 1 ? "" : "s") + ")");
            }
        }
        rebuildRoutes();
        stopAsync(toStop);
    }

    private static int freeIndex(List<Replica> list) {
        int i = 0;
        while (true) {
            int candidate = i;
            if (list.stream().noneMatch(r -> r.index == candidate)) {
                return candidate;
            }
            i++;
        }
    }

    private Replica startReplica(VersionSpec spec, Track track, int index) {
        Replica r = supervisor.replica(spec, track, index, ++serial);
        r.start();
        return r;
    }

    @Override
    public void setWeight(int percent) {
        synchronized (lock) {
            RuntimeRules.checkWeight(percent, tracks.containsKey(Track.CANARY), tracks.containsKey(Track.BASELINE));
            int before = canaryWeight;
            canaryWeight = percent;
            changed("canary weight " + before + "% -> " + percent + "%");
        }
        rebuildRoutes();
    }

    @Override
    public void promote() {
        VersionSpec spec;
        int replicas;
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            Deployment canary = tracks.get(Track.CANARY);
            if (canary == null) {
                throw RuntimeRules.noCanaryToPromote();
            }
            spec = canary.version();
            replicas = tracks.get(Track.STABLE).replicas().size();
            Deployment baseline = tracks.remove(Track.BASELINE);
            if (baseline != null) {
                toStop.addAll(baseline.replicas());
            }
            // The canary serves everyone while the new stable replicas start, so no user goes back to the old version.
            canaryWeight = 100;
        }
        rebuildRoutes();
        stopAsync(toStop);
        deploy(spec.name(), Track.STABLE, replicas);
        try {
            awaitReady(Track.STABLE, settings.readyTimeout());
        } catch (LabException e) {
            throw RuntimeRules.promotionStalled(e, "the canary still serves 100%; 'lab rollback' returns all traffic to"
                    + " the previous stable");
        }
        synchronized (lock) {
            Deployment canary = tracks.remove(Track.CANARY);
            canaryWeight = 0;
            changed("promoted " + spec.name() + ": stable, 100% of traffic");
            toStop = canary == null ? List.of() : canary.replicas();
        }
        rebuildRoutes();
        stopAsync(toStop);
    }

    @Override
    public void rollback() {
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            int before = canaryWeight;
            canaryWeight = 0;
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                Deployment d = tracks.remove(t);
                if (d != null) {
                    toStop.addAll(d.replicas());
                }
                Deployment old = retiring.remove(t);
                if (old != null) {
                    toStop.addAll(old.replicas());
                }
            }
            changed("rolled back: canary weight " + before + "% -> 0%, 100% to stable " + tracks.get(Track.STABLE).version().name());
        }
        rebuildRoutes();
        stopAsync(toStop);
    }

    private void changed(String summary) {
        lastChange = Instant.now();
        lastChangeSummary = summary;
        log.accept(summary);
    }

    /** A replica became ready or stopped being ready: route accordingly, and retire old replicas once replaced. */
    private void readinessChanged() {
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            for (Track t : List.copyOf(retiring.keySet())) {
                Deployment now = tracks.get(t);
                if (now == null || now.ready() >= now.replicas().size()) {
                    toStop.addAll(retiring.remove(t).replicas());
                }
            }
        }
        rebuildRoutes();
        stopAsync(toStop);
    }

    private void rebuildRoutes() {
        synchronized (routesLock) {
            Map<Track, List<Endpoint>> ready = new EnumMap<>(Track.class);
            Map<Track, String> versions = new EnumMap<>(Track.class);
            synchronized (lock) {
                tracks.forEach((track, d) -> {
                    List<Endpoint> eps = endpoints(d);
                    Deployment old = retiring.get(track);
                    if (eps.isEmpty() && old != null) {
                        eps = endpoints(old);
                    }
                    ready.put(track, eps);
                    versions.put(track, d.version().name());
                });
            }
            router.route(new RoutingTable(ready, versions, canaryWeight));
        }
        updateScrapeTargets();
    }

    private static List<Endpoint> endpoints(Deployment d) {
        List<Endpoint> eps = new ArrayList<>();
        for (Replica r : d.replicas()) {
            int port = r.port();
            if (r.ready() && port != 0) {
                eps.add(new Endpoint(r.track, r.version.name(), r.id, port));
            }
        }
        return eps;
    }

    private void stopAsync(List<Replica> replicas) {
        for (Replica r : replicas) {
            stopping.add(r);
            Thread t = new Thread(() -> {
                r.stop(STOP_GRACE);
                stopping.remove(r);
            }, "stop-" + r.id);
            t.setDaemon(true);
            t.start();
        }
    }

    private List<Replica> allReplicas() {
        synchronized (lock) {
            List<Replica> all = new ArrayList<>();
            tracks.values().forEach(d -> all.addAll(d.replicas()));
            retiring.values().forEach(d -> all.addAll(d.replicas()));
            return all;
        }
    }

    @Override
    public RuntimeStatus status() {
        List<TrackStatus> list = new ArrayList<>();
        synchronized (lock) {
            tracks.forEach((track, d) -> {
                List<InstanceStatus> instances = d.replicas().stream().map(Replica::status).toList();
                Deployment old = retiring.get(track);
                List<InstanceStatus> replaced = old == null ? List.of() : old.replicas().stream().map(Replica::status).toList();
                list.add(new TrackStatus(track, d.version().name(), d.version().color(), d.replicas().size(), instances, replaced));
            });
        }
        return new RuntimeStatus(routerUrl(), canaryWeight, lastChange, lastChangeSummary, list);
    }

    @Override
    public Telemetry telemetry() {
        return telemetry;
    }

    /** Stops every replica (drain, then kill after the grace period) and the router; returns when all are gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Replica> all = allReplicas();
        all.addAll(stopping);
        List<Thread> stoppers = new ArrayList<>();
        for (Replica r : all) {
            Thread t = new Thread(() -> r.stop(STOP_GRACE), "stop-" + r.id);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(STOP_GRACE.toMillis() + 6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        router.close();
        supervisor.close();
        PrometheusServer server = prometheus;
        if (server != null) {
            server.close();
        }
        log.accept("stopped " + all.size() + " instance" + (all.size() == 1 ? "" : "s") + " and the router"
                + (server == null ? "" : " and Prometheus"));
    }
}
