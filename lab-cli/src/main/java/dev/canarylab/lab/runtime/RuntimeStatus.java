package dev.canarylab.lab.runtime;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the runtime, as {@code lab status} shows it.
 *
 * @param routerUrl where users send traffic
 * @param canaryWeight percent of traffic for the canary (and as much for the baseline, when deployed)
 * @param lastChange when a deploy, weight change, promotion or rollback last happened
 * @param lastChangeSummary what it was, in one line
 * @param routing header and cookie routes, affinity and mirroring ({@link Routing#NONE} on a runtime without them)
 */
public record RuntimeStatus(String routerUrl, int canaryWeight, Instant lastChange, String lastChangeSummary,
        List<TrackStatus> tracks, Routing routing) {

    public RuntimeStatus {
        tracks = List.copyOf(tracks);
        routing = routing == null ? Routing.NONE : routing;
    }

    /** The status of a runtime that routes by weight only. */
    public RuntimeStatus(String routerUrl, int canaryWeight, Instant lastChange, String lastChangeSummary,
            List<TrackStatus> tracks) {
        this(routerUrl, canaryWeight, lastChange, lastChangeSummary, tracks, Routing.NONE);
    }

    /** The traffic share of a track in percent, given what is deployed. */
    public int weightOf(Track track) {
        boolean baseline = track(Track.BASELINE) != null;
        boolean canary = track(Track.CANARY) != null;
        int w = canary ? canaryWeight : 0;
        return switch (track) {
            case CANARY -> canary ? w : 0;
            case BASELINE -> baseline ? w : 0;
            case STABLE -> 100 - (canary ? w : 0) - (baseline && canary ? w : 0);
        };
    }

    /** The status of a track, or null when nothing is deployed there. */
    public TrackStatus track(Track track) {
        return tracks.stream().filter(t -> t.track() == track).findFirst().orElse(null);
    }
}
