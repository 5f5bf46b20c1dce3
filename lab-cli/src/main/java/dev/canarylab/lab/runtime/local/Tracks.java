package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What runs on each track and the canary weight, under one lock: the replica set serving each track, and the one
 * it replaces until the new one is all ready (surge-first, as a Deployment with maxUnavailable 0). Every change
 * returns the replicas to stop; the caller stops them and reroutes outside the lock.
 */
final class Tracks {

    /** The first half of a promotion: the canary serves everyone while the new stable starts. */
    record Promotion(VersionSpec version, int replicas, List<Replica> toStop) {
    }

    private final Object lock = new Object();
    private final Map<Track, Deployment> tracks = new EnumMap<>(Track.class);
    private final Map<Track, Deployment> retiring = new EnumMap<>(Track.class);
    private final Supervisor supervisor;
    private final Consumer<String> changed;
    private int serial;
    private volatile int canaryWeight;

    /** {@code changed} hears a one-line summary of each change, as it is made. */
    Tracks(Supervisor supervisor, Consumer<String> changed) {
        this.supervisor = supervisor;
        this.changed = changed;
    }

    int canaryWeight() {
        return canaryWeight;
    }

    List<Replica> deploy(VersionSpec spec, Track track, int replicas) {
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            Deployment current = tracks.get(track);
            if (replicas == 0) {
                if (current != null) {
                    tracks.remove(track);
                    toStop.addAll(current.replicas());
                }
                changed.accept("removed " + track.label());
            } else if (current != null && current.version().equals(spec)) {
                Rescale.Result r = Rescale.to(current.replicas(), replicas, index -> startReplica(spec, track, index));
                toStop.addAll(r.toStop());
                tracks.put(track, new Deployment(spec, r.replicas()));
                changed.accept("scaled " + track.label() + " " + spec.name() + " to " + replicas
                        + (r.repaired() == 0 ? "" : "; replaced " + r.repaired() + " dead replica"
                                + (r.repaired() == 1 ? "" : "s")));
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
                changed.accept("deployed " + spec.name() + " to " + track.label() + " (" + replicas + " replica"
                        + (replicas == 1 ? "" : "s") + ")");
            }
        }
        return toStop;
    }

    private Replica startReplica(VersionSpec spec, Track track, int index) {
        Replica r = supervisor.replica(spec, track, index, ++serial);
        r.start();
        return r;
    }

    void setWeight(int percent) {
        synchronized (lock) {
            RuntimeRules.checkWeight(percent, tracks.containsKey(Track.CANARY), tracks.containsKey(Track.BASELINE));
            int before = canaryWeight;
            canaryWeight = percent;
            changed.accept("canary weight " + before + "% -> " + percent + "%");
        }
    }

    Promotion routeAllToCanary() {
        synchronized (lock) {
            Deployment canary = tracks.get(Track.CANARY);
            if (canary == null) {
                throw RuntimeRules.noCanaryToPromote();
            }
            Deployment baseline = tracks.remove(Track.BASELINE);
            // The canary serves everyone while the new stable replicas start, so no user goes back to the old version.
            canaryWeight = 100;
            return new Promotion(canary.version(), tracks.get(Track.STABLE).replicas().size(),
                    baseline == null ? List.of() : baseline.replicas());
        }
    }

    /** The second half: the new stable is ready, so the canary goes; returns its replicas. */
    List<Replica> finishPromotion(VersionSpec spec) {
        synchronized (lock) {
            Deployment canary = tracks.remove(Track.CANARY);
            canaryWeight = 0;
            changed.accept("promoted " + spec.name() + ": stable, 100% of traffic");
            return canary == null ? List.of() : canary.replicas();
        }
    }

    List<Replica> rollback() {
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
            changed.accept("rolled back: canary weight " + before + "% -> 0%, 100% to stable "
                    + tracks.get(Track.STABLE).version().name());
        }
        return toStop;
    }

    /** The replaced replica sets whose successors are all ready (or gone): they stop serving. */
    List<Replica> retireReplaced() {
        List<Replica> toStop = new ArrayList<>();
        synchronized (lock) {
            for (Track t : List.copyOf(retiring.keySet())) {
                Deployment now = tracks.get(t);
                if (now == null || now.ready() >= now.replicas().size()) {
                    toStop.addAll(retiring.remove(t).replicas());
                }
            }
        }
        return toStop;
    }

    /** The ready replicas per track; a track whose new set has none ready yet keeps the one it replaces. */
    RoutingTable routingTable() {
        Map<Track, List<Endpoint>> ready = new EnumMap<>(Track.class);
        Map<Track, String> versions = new EnumMap<>(Track.class);
        synchronized (lock) {
            tracks.forEach((track, d) -> {
                List<Endpoint> eps = d.endpoints();
                Deployment old = retiring.get(track);
                if (eps.isEmpty() && old != null) {
                    eps = old.endpoints();
                }
                ready.put(track, eps);
                versions.put(track, d.version().name());
            });
        }
        return new RoutingTable(ready, versions, canaryWeight);
    }

    String versionOn(Track track) {
        synchronized (lock) {
            Deployment d = tracks.get(track);
            return d == null ? null : d.version().name();
        }
    }

    List<Replica> all() {
        synchronized (lock) {
            List<Replica> all = new ArrayList<>();
            tracks.values().forEach(d -> all.addAll(d.replicas()));
            retiring.values().forEach(d -> all.addAll(d.replicas()));
            return all;
        }
    }

    List<TrackStatus> status() {
        List<TrackStatus> list = new ArrayList<>();
        synchronized (lock) {
            tracks.forEach((track, d) -> {
                Deployment old = retiring.get(track);
                List<InstanceStatus> replaced = old == null ? List.of() : old.statuses();
                list.add(new TrackStatus(track, d.version().name(), d.version().color(), d.replicas().size(),
                        d.statuses(), replaced));
            });
        }
        return list;
    }
}
