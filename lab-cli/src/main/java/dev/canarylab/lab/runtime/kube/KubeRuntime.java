package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        REPLICA_RATIO;

        /** AUTO becomes TRAEFIK when the namespace serves Traefik's CRDs, else REPLICA_RATIO. */
        Routing resolve(KubernetesClient client, String namespace) {
            if (this != AUTO) {
                return this;
            }
            try {
                // Namespaced on purpose: listing CRDs is cluster-wide and often forbidden to a namespace's user.
                client.resources(TraefikService.class).inNamespace(namespace).list();
                return TRAEFIK;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return REPLICA_RATIO;
                }
                throw e;
            }
        }
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

    private final KubernetesClient client;
    private final Catalog catalog;
    private final Settings settings;
    private final Consumer<String> log;
    private final Manifests manifests;
    private final Routing routing;
    private final Runnable onClose;
    private final Applier applier;
    private final DesiredTracks desired;
    private final KubeStatus clusterStatus;
    private final Forwards forwards;
    private volatile Instant lastChange = Instant.now();
    private volatile String lastChangeSummary = "lab up";

    private KubeRuntime(KubernetesClient client, Catalog catalog, Settings settings, Consumer<String> log, Runnable onClose) {
        this.client = client;
        this.catalog = catalog;
        this.settings = settings;
        this.log = log;
        this.onClose = onClose;
        this.manifests = new Manifests(client.getKubernetesSerialization());
        this.routing = settings.routing().resolve(client, settings.namespace());
        this.applier = new Applier(client, settings.namespace());
        this.desired = new DesiredTracks(applier, manifests, settings, routing, this::changed);
        this.clusterStatus = new KubeStatus(client, settings.namespace(), catalog);
        this.forwards = new Forwards(settings.namespace(), settings.router(), routing == Routing.TRAEFIK);
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
            rt.applier.applyAll(rt.manifests.load("prometheus.yaml"));
            rt.applier.applyAll(rt.manifests.grafanaConfig(settings.grafanaDir()));
            rt.applier.applyAll(rt.manifests.load("grafana.yaml"));
            rt.log.accept("applied manifests/prometheus.yaml and manifests/grafana.yaml (like kubectl apply --server-side -f)");
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                rt.applier.deleteTrack(t);
            }
            rt.applier.ensureAdminSecret();
            rt.applier.apply(rt.manifests.entryService());
            rt.deploy(catalog.stable(), Track.STABLE, settings.stableReplicas());
            if (settings.portForward()) {
                rt.forwards.open(client, log);
            }
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

    public Routing routing() {
        return routing;
    }

    /** Where users send traffic: the loopback port-forward to the router, or its in-cluster address. */
    public String routerUrl() {
        return forwards.routerUrl();
    }

    /** The judge's Prometheus: the loopback port-forward, or the in-cluster Service. */
    public String prometheusUrl() {
        return forwards.prometheusUrl();
    }

    public String grafanaUrl() {
        return forwards.grafanaUrl();
    }

    @Override
    public void deploy(String version, Track track, int count) {
        VersionSpec spec = catalog.version(version);
        RuntimeRules.checkDeploy(track, count);
        if (!spec.sampleApp() && spec.service().image() == null) {
            throw LabException.badInput("version '" + version + "' has no image: a cluster runs containers; give it"
                    + " image: and port: in the catalogue (or use the local runtime)");
        }
        desired.deploy(spec, track, count);
    }

    @Override
    public void setWeight(int percent) {
        desired.setWeight(percent);
    }

    @Override
    public void setRoute(RouteRule rule) {
        traefikOnly("header and cookie routes");
        desired.setRoute(rule);
    }

    @Override
    public void removeRoute(String name) {
        traefikOnly("header and cookie routes");
        desired.removeRoute(name);
    }

    @Override
    public void setAffinity(Affinity affinity) {
        traefikOnly("session affinity");
        desired.setAffinity(affinity);
    }

    @Override
    public void clearAffinity() {
        traefikOnly("session affinity");
        desired.setAffinity(null);
    }

    @Override
    public void setMirror(Mirror mirror) {
        traefikOnly("mirroring");
        desired.setMirror(mirror);
    }

    /** Pods behind one Service cannot tell a header from a weight: routes need Traefik's router. */
    private void traefikOnly(String what) {
        if (routing != Routing.TRAEFIK) {
            throw LabException.badInput("Traefik is needed for " + what + ", and namespace " + settings.namespace()
                    + " has no Traefik CRDs (traffic is split by replica ratio)");
        }
    }

    @Override
    public void promote() {
        VersionSpec spec = desired.rollStableToCanary();
        try {
            awaitReady(Track.STABLE, settings.readyTimeout());
        } catch (LabException e) {
            throw RuntimeRules.promotionStalled(e, "the canary still serves; 'lab rollback' returns all traffic to stable");
        }
        desired.finishPromotion(spec);
    }

    @Override
    public void rollback() {
        desired.rollback();
    }

    /**
     * Waits, on a watch, until {@code track}'s Deployment has rolled out (as {@code kubectl rollout status}):
     * every replica updated and ready, no old one left.
     */
    @Override
    public void awaitReady(Track track, Duration timeout) {
        try {
            clusterStatus.awaitRolledOut(track, timeout);
        } catch (KubernetesClientTimeoutException e) {
            throw RuntimeRules.notReady(track, status().track(track), false, timeout);
        }
    }

    private void changed(String summary) {
        lastChange = Instant.now();
        lastChangeSummary = summary;
        log.accept(summary);
    }

    @Override
    public RuntimeStatus status() {
        List<TrackStatus> tracks = clusterStatus.tracks();
        ReplicaRatio ratio = desired.ratio();
        int weight = routing == Routing.REPLICA_RATIO && ratio != null ? ratio.canaryPercent() : desired.canaryWeight();
        String summary = routing == Routing.REPLICA_RATIO && ratio != null && desired.has(Track.CANARY)
                && !lastChangeSummary.contains("replica ratio") ? lastChangeSummary + "; " + ratio.describe() : lastChangeSummary;
        return new RuntimeStatus(routerUrl(), weight, lastChange, summary, tracks, desired.routingStatus());
    }

    /** The router's request records exist only in the local runtime; here the judge reads {@link #metricSource()}. */
    @Override
    public Telemetry telemetry() {
        return new NoRequestTelemetry();
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
        if (!desired.closeOnce()) {
            return;
        }
        forwards.close();
        try {
            onClose.run();
        } finally {
            client.close();
        }
    }

    /** Deletes everything labelled part-of canary-lab in the namespace (kube mode's {@code lab down}). */
    public static void deleteLab(KubernetesClient client, String namespace) {
        Applier.deleteLab(client, namespace);
    }
}
