package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Track;

/**
 * The value of the affinity cookie: the track and version that served a client, and the canary weight when it
 * was pinned, as {@code canary:v2:10}. A pin holds while its track runs that version with a ready instance. A
 * client pinned to stable is moved when the weight has grown since, with the chance that keeps each track's share
 * of clients equal to its weight (Flagger pins only the canary's users, so every weight step moves more of them);
 * a client on the canary or baseline stays there until that track goes (a rollback, a promotion, a new version).
 */
record AffinityPin(Track track, String version, int weight) {

    /** Most characters read from a cookie: a pin is short, a longer value is not ours. */
    private static final int MAX_LENGTH = 128;

    String value() {
        return track.label() + ":" + version + ":" + weight;
    }

    /** The pin in a cookie value, or null when there is none or it is malformed (a client's own cookie). */
    static AffinityPin parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        int first = value.indexOf(':');
        int last = value.lastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == value.length() - 1) {
            return null;
        }
        Track track = null;
        for (Track t : Track.values()) {
            if (t.label().equals(value.substring(0, first))) {
                track = t;
            }
        }
        try {
            int weight = Integer.parseInt(value.substring(last + 1));
            return track == null || weight < 0 || weight > 100 ? null
                    : new AffinityPin(track, value.substring(first + 1, last), weight);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Where this pin sends a request, given a uniform draw in [0, 1) for a stable client's move; null when the pin
     * no longer holds (its track is gone, runs another version, or has no ready instance): the weights decide, and
     * the client is pinned again. A stable client that is moved goes to the canary, or to canary or baseline alike
     * when both run.
     */
    Track resolve(RoutingTable table, double draw) {
        if (!table.deployed(track) || !table.version(track).equals(version) || !table.hasReady(track)) {
            return null;
        }
        if (track == Track.STABLE && table.canaryWeight() > weight && table.deployed(Track.CANARY)) {
            // Stable's share of clients shrank from 100 - k*weight to 100 - k*now: move that fraction of its clients.
            int k = table.deployed(Track.BASELINE) ? 2 : 1;
            double move = (double) k * (table.canaryWeight() - weight) / (100 - k * weight);
            if (draw < move) {
                return k == 2 && draw < move / 2 ? Track.BASELINE : Track.CANARY;
            }
        }
        return track;
    }

    /**
     * The pin to send back after a request served by {@code served}: for stable, the highest weight it has been
     * kept at (a client is moved once per increase, not again at every request); null when {@code current} holds.
     */
    static AffinityPin after(AffinityPin current, Track served, RoutingTable table) {
        int weight = 0; // only a stable pin uses its weight
        if (served == Track.STABLE) {
            weight = current != null && current.track == Track.STABLE
                    ? Math.max(table.canaryWeight(), current.weight) : table.canaryWeight();
        }
        AffinityPin next = new AffinityPin(served, table.version(served), weight);
        return next.equals(current) ? null : next;
    }
}
