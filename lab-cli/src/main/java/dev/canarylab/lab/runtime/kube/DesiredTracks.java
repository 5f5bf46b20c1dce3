package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.traefik.TraefikRules;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the lab wants to run (each track's version and replicas, the canary weight) and how that is written into
 * the cluster: a weighted TraefikService and IngressRoute, or, without Traefik, the pod count of each track.
 * Each change holds one lock while it is applied, and is told to the {@code changed} listener.
 */
final class DesiredTracks {

    private final Applier applier;
    private final Manifests manifests;
    private final KubeRuntime.Settings settings;
    private final KubeRuntime.Routing routing;
    private final Consumer<String> changed;
    private final Object lock = new Object();
    private final Map<Track, VersionSpec> versions = new EnumMap<>(Track.class);
    private final Map<Track, Integer> replicas = new EnumMap<>(Track.class);
    private volatile int canaryWeight;
    private volatile ReplicaRatio ratio;
    private final TraefikRoutes routes = new TraefikRoutes();
    private boolean closed;

    DesiredTracks(Applier applier, Manifests manifests, KubeRuntime.Settings settings, KubeRuntime.Routing routing,
            Consumer<String> changed) {
        this.applier = applier;
        this.changed = changed;
        this.manifests = manifests;
        this.settings = settings;
        this.routing = routing;
    }

    boolean has(Track track) {
        return versions.containsKey(track);
    }

    int canaryWeight() {
        return canaryWeight;
    }

    /** The pod ratio last applied, or null (always null with Traefik). */
    ReplicaRatio ratio() {
        return ratio;
    }

    void deploy(VersionSpec spec, Track track, int count) {
        synchronized (lock) {
            if (count == 0) {
                remove(track);
                route();
                applier.deleteTrack(track);
                changed.accept("removed " + track.label());
                return;
            }
            boolean scaling = spec.equals(versions.get(track));
            versions.put(track, spec);
            replicas.put(track, count);
            applyTrack(track);
            applier.apply(manifests.trackService(track));
            route();
            changed.accept((scaling ? "scaled " + track.label() + " " + spec.name() + " to " + count
                    : "deployed " + spec.name() + " to " + track.label() + " (" + count + " replica" + (count == 1 ? "" : "s") + ")")
                    + " (like kubectl apply -f manifests/sample-app.yaml)");
        }
    }

    void setWeight(int percent) {
        synchronized (lock) {
            RuntimeRules.checkWeight(percent, versions.containsKey(Track.CANARY), versions.containsKey(Track.BASELINE));
            int before = canaryWeight;
            canaryWeight = percent;
            route();
            changed.accept("canary weight " + before + "% -> " + percent + "% (like setWeight: " + percent + ")"
                    + (routing == KubeRuntime.Routing.REPLICA_RATIO ? "; " + ratio.describe() : ""));
        }
    }

    /** The first half of a promotion: stable rolls to the canary's version, which it returns. */
    VersionSpec rollStableToCanary() {
        synchronized (lock) {
            VersionSpec spec = versions.get(Track.CANARY);
            if (spec == null) {
                throw RuntimeRules.noCanaryToPromote();
            }
            remove(Track.BASELINE);
            routes.endRelease();
            if (routing == KubeRuntime.Routing.TRAEFIK) {
                // The canary serves everyone while stable rolls to its version: no user goes back to the old one.
                canaryWeight = 100;
            }
            route();
            applier.deleteTrack(Track.BASELINE);
            versions.put(Track.STABLE, spec);
            applyTrack(Track.STABLE);
            changed.accept("promoting " + spec.name() + ": the canary serves 100% while stable rolls to " + spec.name());
            return spec;
        }
    }

    /** The second half, once stable has rolled out: the canary goes. */
    void finishPromotion(VersionSpec spec) {
        synchronized (lock) {
            remove(Track.CANARY);
            canaryWeight = 0;
            route();
            applier.deleteTrack(Track.CANARY);
            changed.accept("promoted " + spec.name() + ": stable, 100% of traffic");
        }
    }

    void rollback() {
        synchronized (lock) {
            int before = canaryWeight;
            canaryWeight = 0;
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                remove(t);
            }
            routes.endRelease();
            route();
            for (Track t : List.of(Track.CANARY, Track.BASELINE)) {
                applier.deleteTrack(t);
            }
            changed.accept("rolled back: canary weight " + before + "% -> 0%, 100% to stable "
                    + versions.get(Track.STABLE).name());
        }
    }

    void setRoute(RouteRule rule) {
        synchronized (lock) {
            RuntimeRules.checkRouteTarget(rule.track(), has(rule.track()), "route " + rule.name());
            routes.set(rule);
            route();
            changed.accept("route " + rule.describe() + " (like an IngressRoute rule " + TraefikRules.rule(rule.match()) + ")");
        }
    }

    void removeRoute(String name) {
        synchronized (lock) {
            routes.remove(name);
            route();
            changed.accept("removed route " + name);
        }
    }

    void setAffinity(Affinity affinity) {
        synchronized (lock) {
            routes.affinity(affinity);
            route();
            changed.accept(affinity == null ? "session affinity off"
                    : "session affinity on: " + affinity.describe() + " (like a TraefikService's sticky.cookie)");
        }
    }

    void setMirror(Mirror mirror) {
        synchronized (lock) {
            if (mirror.on()) {
                RuntimeRules.checkRouteTarget(Track.CANARY, has(Track.CANARY), "mirroring");
            }
            routes.mirror(mirror);
            route();
            changed.accept("mirroring " + mirror.describe() + (mirror.on() ? " (like a mirroring TraefikService)" : ""));
        }
    }

    Routing routingStatus() {
        synchronized (lock) {
            return routes.status();
        }
    }

    /** Waits for a change being applied, so the client is not closed under it; true the first time only. */
    boolean closeOnce() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    private void remove(Track track) {
        versions.remove(track);
        replicas.remove(track);
    }

    /** Applies the Deployment of {@code track} with its version and its replicas (the ratio's in that mode). */
    private void applyTrack(Track track) {
        int count = replicas.getOrDefault(track, 1);
        if (routing == KubeRuntime.Routing.REPLICA_RATIO) {
            ratio = ReplicaRatio.of(replicas.getOrDefault(Track.STABLE, 1), versions.containsKey(Track.CANARY) ? canaryWeight : 0,
                    versions.containsKey(Track.BASELINE));
            count = switch (track) {
                case STABLE -> ratio.stable();
                case BASELINE -> ratio.baseline();
                case CANARY -> ratio.canary();
            };
        }
        applier.apply(manifests.track(track, versions.get(track), count, settings.image(), settings.seed()));
    }

    /**
     * Sends traffic as the weight and the routes say: the TraefikServices and IngressRoute, or the pod counts of
     * each track.
     */
    private void route() {
        if (routing == KubeRuntime.Routing.TRAEFIK) {
            Map<Track, Integer> w = new EnumMap<>(Track.class);
            boolean canary = versions.containsKey(Track.CANARY);
            boolean baseline = canary && versions.containsKey(Track.BASELINE);
            int c = canary ? canaryWeight : 0;
            w.put(Track.CANARY, c);
            w.put(Track.BASELINE, baseline ? c : 0);
            w.put(Track.STABLE, 100 - c - (baseline ? c : 0));
            TraefikRoutes.Plan plan = routes.plan(manifests, w, List.copyOf(versions.keySet()));
            applier.applyAll(plan.apply());
            plan.delete().forEach(applier::deleteTraefikService);
        } else {
            for (Track t : List.copyOf(versions.keySet())) {
                applyTrack(t);
            }
        }
    }
}
