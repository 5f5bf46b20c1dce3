package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Track;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the router routes by, swapped as a whole whenever a replica's readiness or a weight changes, so that a
 * request never sees half an update.
 *
 * @param ready the ready replicas of each deployed track (an empty list for a track with none ready)
 * @param versions the version deployed on each track
 * @param canaryWeight percent of requests for the canary, and as much for the baseline when both are deployed
 * @param routes the header and cookie routes, affinity and mirror, tried before the weights
 */
record RoutingTable(Map<Track, List<Endpoint>> ready, Map<Track, String> versions, int canaryWeight, RouteSet routes) {

    static final RoutingTable EMPTY = new RoutingTable(Map.of(), Map.of(), 0);

    RoutingTable(Map<Track, List<Endpoint>> ready, Map<Track, String> versions, int canaryWeight) {
        this(ready, versions, canaryWeight, RouteSet.NONE);
    }

    RoutingTable {
        Map<Track, List<Endpoint>> copy = new EnumMap<>(Track.class);
        ready.forEach((t, l) -> copy.put(t, List.copyOf(l)));
        ready = java.util.Collections.unmodifiableMap(copy);
        versions = Map.copyOf(versions);
        routes = routes == null ? RouteSet.NONE : routes;
    }

    RoutingTable withRoutes(RouteSet next) {
        return new RoutingTable(ready, versions, canaryWeight, next);
    }

    boolean deployed(Track track) {
        return versions.containsKey(track);
    }

    boolean hasReady(Track track) {
        return !ready.getOrDefault(track, List.of()).isEmpty();
    }

    /**
     * The track a request goes to, given a uniform draw in [0, 100): the canary below its weight, then the
     * baseline for as much again when both run, stable for the rest.
     */
    Track track(int draw) {
        if (deployed(Track.CANARY)) {
            if (draw < canaryWeight) {
                return Track.CANARY;
            }
            if (deployed(Track.BASELINE) && draw < 2 * canaryWeight) {
                return Track.BASELINE;
            }
        }
        return Track.STABLE;
    }

    /** The ready replicas of {@code track} other than those already tried for this request. */
    List<Endpoint> candidates(Track track, Set<Endpoint> tried) {
        List<Endpoint> all = ready.getOrDefault(track, List.of());
        return tried.isEmpty() ? all : all.stream().filter(e -> !tried.contains(e)).toList();
    }

    String version(Track track) {
        return versions.getOrDefault(track, "none");
    }
}
