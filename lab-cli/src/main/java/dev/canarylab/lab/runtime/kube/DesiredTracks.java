package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Track;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab wants to run (each track's version and replicas, the canary weight) and how that is written into
 * the cluster: a weighted TraefikService and IngressRoute, or, without Traefik, the pod count of each track.
 * Not thread-safe: {@link KubeRuntime} holds its lock around every change.
 */
final class DesiredTracks {

    private final Applier applier;
    private final Manifests manifests;
    private final KubeRuntime.Settings settings;
    private final KubeRuntime.Routing routing;
    private final Map<Track, VersionSpec> versions = new EnumMap<>(Track.class);
    private final Map<Track, Integer> replicas = new EnumMap<>(Track.class);
    private volatile int canaryWeight;
    private volatile ReplicaRatio ratio;

    DesiredTracks(Applier applier, Manifests manifests, KubeRuntime.Settings settings, KubeRuntime.Routing routing) {
        this.applier = applier;
        this.manifests = manifests;
        this.settings = settings;
        this.routing = routing;
    }

    boolean has(Track track) {
        return versions.containsKey(track);
    }

    VersionSpec version(Track track) {
        return versions.get(track);
    }

    void put(Track track, VersionSpec version, int count) {
        versions.put(track, version);
        replicas.put(track, count);
    }

    /** A new version for the track at its current count (a promotion rolls stable to the canary's version). */
    void setVersion(Track track, VersionSpec version) {
        versions.put(track, version);
    }

    void remove(Track track) {
        versions.remove(track);
        replicas.remove(track);
    }

    int canaryWeight() {
        return canaryWeight;
    }

    void setCanaryWeight(int percent) {
        canaryWeight = percent;
    }

    /** The pod ratio last applied, or null (always null with Traefik). */
    ReplicaRatio ratio() {
        return ratio;
    }

    /** Applies the Deployment of {@code track} with its version and its replicas (the ratio's in that mode). */
    void applyTrack(Track track) {
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
        applier.apply(manifests.sampleApp(track, versions.get(track), count, settings.image(), settings.seed()));
    }

    /** Sends traffic as the weight says: the TraefikService and IngressRoute, or the pod counts of each track. */
    void route() {
        if (routing == KubeRuntime.Routing.TRAEFIK) {
            Map<Track, Integer> w = new EnumMap<>(Track.class);
            boolean canary = versions.containsKey(Track.CANARY);
            boolean baseline = canary && versions.containsKey(Track.BASELINE);
            int c = canary ? canaryWeight : 0;
            w.put(Track.CANARY, c);
            w.put(Track.BASELINE, baseline ? c : 0);
            w.put(Track.STABLE, 100 - c - (baseline ? c : 0));
            applier.apply(manifests.split(w));
            applier.apply(manifests.entry(List.copyOf(versions.keySet())));
        } else {
            for (Track t : List.copyOf(versions.keySet())) {
                applyTrack(t);
            }
        }
    }
}
