package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Kubernetes runtime: a Deployment and a Service per track, the split in a weighted Traefik
 * {@code TraefikService} (or, without Traefik, in the ratio of pods), everything in one namespace, applied with
 * server-side apply. Prometheus and Grafana run beside the tracks; the CLI reaches the router, Prometheus and
 * Grafana through loopback port-forwards.
 */
public final class KubeRuntime implements LabRuntime {

    /** How traffic is split between tracks. */
    public enum Routing {
        /** Use Traefik when its CRDs are served, else the replica ratio. */
        AUTO,
        /** A weighted TraefikService and an IngressRoute with preview routes. */
        TRAEFIK,
        /** One Service over every track; weights become pod counts (see {@link ReplicaRatio}). */
        REPLICA_RATIO
    }

    /**
     * @param image the sample-app image, e.g. {@code canary-lab/sample-app:dev} or {@code REGISTRY/sample-app:dev}
     * @param router the Traefik Service the router port-forward goes to, as namespace/name
     * @param portForward false in tests: no loopback ports, URLs are the in-cluster ones
     * @param grafanaDir the grafana/ folder (datasources, dashboard providers, dashboards)
     * @param prometheusSource builds the judge's metric source from Prometheus's URL; null until one is wired, and
     *     then every metric is unavailable (the judge says ERROR, never PASS)
     */
    public record Settings(String namespace, String image, long seed, int stableReplicas, Routing routing,
            String router, boolean portForward, Path grafanaDir, Duration readyTimeout,
            Function<String, MetricSource> prometheusSource) {
    }

    private static final String FIELD_MANAGER = "canary-lab";

    private final KubernetesClient client;
    private final Catalog catalog;
    private final Settings settings;
    private final Consumer<String> log;
    private final Manifests manifests;
    private final Routing routing;
    private final Runnable onClose;
    private final Object lock = new Object();
    private final Map<Track, VersionSpec> versions = new EnumMap<>(Track.class);
    private final Map<Track, Integer> replicas = new EnumMap<>(Track.class);
    private final List<Forward> forwards = new ArrayList<>();
    private volatile int canaryWeight;
    private volatile ReplicaRatio ratio;
    private volatile Instant lastChange = Instant.now();
    private volatile String lastChangeSummary = "lab up";
    private String routerUrl;
    private String prometheusUrl;
    private String grafanaUrl;
    private boolean closed;

    private KubeRuntime(KubernetesClient client, Catalog catalog, Settings settings, Consumer<String> log, Runnable onClose) {
        this.client = client;
        this.catalog = catalog;
        this.settings = settings;
        this.log = log;
        this.onClose = onClose;
        this.manifests = new Manifests(client.getKubernetesSerialization());
        this.routing = settings.routing() == Routing.AUTO ? detectRouting(client, settings.namespace()) : settings.routing();
    }

    /**
     * Applies Prometheus, Grafana and the catalogue's stable version to the namespace, removes a previous lab's
     * canary and baseline, and opens the port-forwards. Returns at once; {@link #awaitReady} waits for stable.
     *
     * @param onClose runs last in {@link #close()} (the k3s runtime stops its cluster there)
     */
    public static KubeRuntime start(KubernetesClient client, Catalog catalog, Settings settings, Consumer<String> log,
            Runnable onClose) {
        KubeRuntime rt = new KubeRuntime(client, catalog, settings, log, onClose);
        try {
            rt.log.accept("namespace " + settings.namespace() + ", traffic split by "
                    + (rt.routing == Routing.TRAEFIK ? "a weighted TraefikService" : "replica ratio (no Traefik CRDs)"));
            rt.applyAll(rt.manifests.load("prometheus.yaml"));
            rt.applyAll(rt.manifests.grafanaConfig(settings.grafanaDir()));
            rt.applyAll(rt.manifests.load("grafana.yaml"));
            rt.log.accept("applied manifests/prometheus.yaml and manifests/grafana.yaml (like kubectl apply --server-side -f)");
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                rt.deleteTrack(t);
            }
            rt.ensureAdminSecret();
            rt.apply(rt.manifests.entryService());
            rt.deploy(catalog.stable(), Track.STABLE, settings.stableReplicas());
            rt.openForwards();
            return rt;
        } catch (KubernetesClientException e) {
            rt.close();
            throw unreachable(e);
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    static LabException unreachable(KubernetesClientException e) {
        String why = e.getCode() == 403 ? "forbidden (" + e.getStatus().getMessage() + ")" : e.getMessage();
        return new LabException(ExitCodes.NO_CLUSTER, "the Kubernetes API refused or failed: " + firstLine(why));
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse(s);
    }

    private static Routing detectRouting(KubernetesClient client, String namespace) {
        try {
            // Namespaced on purpose: listing CRDs is cluster-wide and often forbidden to a namespace's user.
            client.resources(TraefikService.class).inNamespace(namespace).list();
            return Routing.TRAEFIK;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Routing.REPLICA_RATIO;
            }
            throw e;
        }
    }

    private void openForwards() {
        if (!settings.portForward()) {
            return;
        }
        String[] router = routing == Routing.TRAEFIK ? settings.router().split("/", 2)
                : new String[] {settings.namespace(), Manifests.APP};
        Forward r = Forward.open(client, router[0], router[1], "web", log);
        Forward p = Forward.open(client, settings.namespace(), "prometheus", "http", log);
        Forward g = Forward.open(client, settings.namespace(), "grafana", "http", log);
        forwards.addAll(List.of(r, p, g));
        routerUrl = r.url();
        prometheusUrl = p.url();
        grafanaUrl = g.url();
        log.accept("port-forwards (like kubectl port-forward): router " + routerUrl + " -> " + router[0] + "/" + router[1]
                + ", Prometheus " + prometheusUrl + ", Grafana " + grafanaUrl + " (admin / admin; anonymous viewers)");
    }

    public Routing routing() {
        return routing;
    }

    /** Where users send traffic: the loopback port-forward to the router, or its in-cluster address. */
    public String routerUrl() {
        if (routerUrl != null) {
            return routerUrl;
        }
        return routing == Routing.TRAEFIK ? "http://" + settings.router().replace("/", ".") + ".svc"
                : "http://" + Manifests.APP + "." + settings.namespace() + ".svc:" + Manifests.PORT;
    }

    /** The judge's Prometheus: the loopback port-forward, or the in-cluster Service. */
    public String prometheusUrl() {
        return prometheusUrl != null ? prometheusUrl : "http://prometheus." + settings.namespace() + ".svc:9090";
    }

    public String grafanaUrl() {
        return grafanaUrl != null ? grafanaUrl : "http://grafana." + settings.namespace() + ".svc:3000";
    }

    @Override
    public void deploy(String version, Track track, int count) {
        VersionSpec spec = catalog.version(version);
        RuntimeRules.checkDeploy(track, count);
        synchronized (lock) {
            if (count == 0) {
                versions.remove(track);
                replicas.remove(track);
                route();
                deleteTrack(track);
                changed("removed " + track.label());
                return;
            }
            boolean scaling = spec.equals(versions.get(track));
            versions.put(track, spec);
            replicas.put(track, count);
            applyTrack(track);
            apply(manifests.trackService(track));
            route();
            changed((scaling ? "scaled " + track.label() + " " + spec.name() + " to " + count
                    : "deployed " + spec.name() + " to " + track.label() + " (" + count + " replica" + (count == 1 ? "" : "s") + ")")
                    + " (like kubectl apply -f manifests/sample-app.yaml)");
        }
    }

    @Override
    public void setWeight(int percent) {
        synchronized (lock) {
            RuntimeRules.checkWeight(percent, versions.containsKey(Track.CANARY), versions.containsKey(Track.BASELINE));
            int before = canaryWeight;
            canaryWeight = percent;
            route();
            changed("canary weight " + before + "% -> " + percent + "% (like setWeight: " + percent + ")"
                    + (routing == Routing.REPLICA_RATIO ? "; " + ratio.describe() : ""));
        }
    }

    @Override
    public void promote() {
        VersionSpec spec;
        synchronized (lock) {
            spec = versions.get(Track.CANARY);
            if (spec == null) {
                throw RuntimeRules.noCanaryToPromote();
            }
            versions.remove(Track.BASELINE);
            replicas.remove(Track.BASELINE);
            if (routing == Routing.TRAEFIK) {
                // The canary serves everyone while stable rolls to its version: no user goes back to the old one.
                canaryWeight = 100;
            }
            route();
            deleteTrack(Track.BASELINE);
            versions.put(Track.STABLE, spec);
            applyTrack(Track.STABLE);
            changed("promoting " + spec.name() + ": the canary serves 100% while stable rolls to " + spec.name());
        }
        try {
            awaitReady(Track.STABLE, settings.readyTimeout());
        } catch (LabException e) {
            throw RuntimeRules.promotionStalled(e, "the canary still serves; 'lab rollback' returns all traffic to stable");
        }
        synchronized (lock) {
            versions.remove(Track.CANARY);
            replicas.remove(Track.CANARY);
            canaryWeight = 0;
            route();
            deleteTrack(Track.CANARY);
            changed("promoted " + spec.name() + ": stable, 100% of traffic");
        }
    }

    @Override
    public void rollback() {
        synchronized (lock) {
            int before = canaryWeight;
            canaryWeight = 0;
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                versions.remove(t);
                replicas.remove(t);
            }
            route();
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                deleteTrack(t);
            }
            changed("rolled back: canary weight " + before + "% -> 0%, 100% to stable " + versions.get(Track.STABLE).name());
        }
    }

    /**
     * Waits, on a watch, until {@code track}'s Deployment has rolled out (as {@code kubectl rollout status}):
     * every replica updated and ready, no old one left.
     */
    @Override
    public void awaitReady(Track track, Duration timeout) {
        try {
            client.apps().deployments().inNamespace(settings.namespace()).withName(Manifests.trackName(track))
                    .waitUntilCondition(KubeRuntime::rolledOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw RuntimeRules.notReady(track, status().track(track), false, timeout);
        }
    }

    static boolean rolledOut(Deployment d) {
        if (d == null || d.getStatus() == null || d.getSpec().getReplicas() == null) {
            return false;
        }
        var s = d.getStatus();
        int want = d.getSpec().getReplicas();
        Long generation = d.getMetadata().getGeneration();
        boolean observed = generation == null || (s.getObservedGeneration() != null && s.getObservedGeneration() >= generation);
        return observed && n(s.getUpdatedReplicas()) >= want && n(s.getReadyReplicas()) >= want && n(s.getReplicas()) <= want;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** Applies the Deployment of {@code track} with its version and its replicas (the ratio's in that mode). */
    private void applyTrack(Track track) {
        int count = replicas.getOrDefault(track, 1);
        if (routing == Routing.REPLICA_RATIO) {
            ratio = ReplicaRatio.of(replicas.getOrDefault(Track.STABLE, 1), versions.containsKey(Track.CANARY) ? canaryWeight : 0,
                    versions.containsKey(Track.BASELINE));
            count = switch (track) {
                case STABLE -> ratio.stable();
                case BASELINE -> ratio.baseline();
                case CANARY -> ratio.canary();
            };
        }
        apply(manifests.sampleApp(track, versions.get(track), count, settings.image(), settings.seed()));
    }

    /** Sends traffic as the weight says: the TraefikService and IngressRoute, or the pod counts of each track. */
    private void route() {
        if (routing == Routing.TRAEFIK) {
            Map<Track, Integer> w = new EnumMap<>(Track.class);
            boolean canary = versions.containsKey(Track.CANARY);
            boolean baseline = canary && versions.containsKey(Track.BASELINE);
            int c = canary ? canaryWeight : 0;
            w.put(Track.CANARY, c);
            w.put(Track.BASELINE, baseline ? c : 0);
            w.put(Track.STABLE, 100 - c - (baseline ? c : 0));
            apply(manifests.split(w));
            apply(manifests.entry(List.copyOf(versions.keySet())));
        } else {
            for (Track t : List.copyOf(versions.keySet())) {
                applyTrack(t);
            }
        }
    }

    private void deleteTrack(Track track) {
        String name = Manifests.trackName(track);
        client.apps().deployments().inNamespace(settings.namespace()).withName(name).delete();
        client.services().inNamespace(settings.namespace()).withName(name).delete();
    }

    /** Kept when it exists: pods read it when they start, and a new value would give old and new pods different tokens. */
    private void ensureAdminSecret() {
        if (client.secrets().inNamespace(settings.namespace()).withName(Manifests.ADMIN_SECRET).get() == null) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            apply(Manifests.adminSecret(java.util.HexFormat.of().formatHex(bytes)));
        }
    }

    private void applyAll(List<? extends HasMetadata> resources) {
        resources.forEach(this::apply);
    }

    private void apply(HasMetadata resource) {
        resource.getMetadata().setNamespace(settings.namespace());
        client.resource(resource).inNamespace(settings.namespace()).fieldManager(FIELD_MANAGER).forceConflicts()
                .serverSideApply();
    }

    private void changed(String summary) {
        lastChange = Instant.now();
        lastChangeSummary = summary;
        log.accept(summary);
    }

    @Override
    public RuntimeStatus status() {
        String ns = settings.namespace();
        List<Deployment> deployments = client.apps().deployments().inNamespace(ns).withLabel("app", Manifests.APP)
                .list().getItems();
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", Manifests.APP).list().getItems();
        List<TrackStatus> tracks = new ArrayList<>();
        for (Track track : Track.values()) {
            Deployment d = deployments.stream().filter(x -> x.getMetadata().getName().equals(Manifests.trackName(track)))
                    .findFirst().orElse(null);
            if (d == null) {
                continue;
            }
            String version = d.getMetadata().getLabels().getOrDefault("version", "?");
            List<InstanceStatus> current = new ArrayList<>();
            List<InstanceStatus> replaced = new ArrayList<>();
            for (Pod p : pods) {
                Map<String, String> labels = p.getMetadata().getLabels();
                if (track.label().equals(labels.get("track"))) {
                    (version.equals(labels.get("version")) ? current : replaced).add(PodStatus.of(p));
                }
            }
            VersionSpec spec = catalog.versions().get(version);
            tracks.add(new TrackStatus(track, version, spec == null ? "" : spec.color(), n(d.getSpec().getReplicas()),
                    current, replaced));
        }
        int weight = routing == Routing.REPLICA_RATIO && ratio != null ? ratio.canaryPercent() : canaryWeight;
        String summary = routing == Routing.REPLICA_RATIO && ratio != null && versions.containsKey(Track.CANARY)
                && !lastChangeSummary.contains("replica ratio") ? lastChangeSummary + "; " + ratio.describe() : lastChangeSummary;
        return new RuntimeStatus(routerUrl(), weight, lastChange, summary, tracks);
    }

    /** The router's request records exist only in the local runtime; here the judge reads {@link #metricSource()}. */
    @Override
    public Telemetry telemetry() {
        return new Telemetry() {
            @Override
            public RequestWindow requests(Track track, Instant from, Instant to) {
                return new RequestWindow(track, from, to, new double[0], new long[0], 0, Set.of(), false);
            }

            @Override
            public List<dev.canarylab.lab.runtime.ResourceSample> resources(Track track, Instant from, Instant to) {
                return List.of();
            }
        };
    }

    /** Prometheus, through {@link Settings#prometheusSource()}; unwired, every metric is unavailable (ERROR). */
    @Override
    public MetricSource metricSource() {
        String url = prometheusUrl();
        return settings.prometheusSource() == null ? new UnwiredPrometheus(url) : settings.prometheusSource().apply(url);
    }

    /**
     * Closes the port-forwards; in kube mode (an {@code onClose} that keeps the cluster) also deletes what the lab
     * applied in its namespace. Then runs {@code onClose}.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        forwards.forEach(Forward::close);
        try {
            onClose.run();
        } finally {
            client.close();
        }
    }

    /** Deletes everything labelled part-of canary-lab in the namespace (kube mode's {@code lab down}). */
    public static void deleteLab(KubernetesClient client, String namespace) {
        String sel = Manifests.PART_OF;
        client.resources(IngressRoute.class).inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.resources(TraefikService.class).inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.apps().deployments().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.services().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.configMaps().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.secrets().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.rbac().roleBindings().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.rbac().roles().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.serviceAccounts().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
    }
}
