package dev.canarylab.lab.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What the router and the instance scraper recorded, per track: the embedded metric source of the judge.
 * Windows are half-open, [from, to); memory is bounded, so a window older than the retention comes back short
 * (see {@link RequestWindow#complete()}).
 */
public interface Telemetry {

    /** Where a request came from: a client, or the router's copy of one of stable's requests ({@link Mirror}). */
    enum Origin {
        /** Both: everything the track answered. */
        ALL,
        /** Requests a client sent and got the answer to. */
        CLIENT,
        /** Copies of stable's requests, whose answers no client saw. */
        MIRROR
    }

    /**
     * Every request the router answered for {@code track} that completed in [from, to), mirrored copies included:
     * what the embedded metric source judges, so a dark-launched canary (and a baseline, which gets the same
     * copies) is judged on its answers to the mirrored requests.
     */
    RequestWindow requests(Track track, Instant from, Instant to);

    /**
     * The requests of {@link #requests(Track, Instant, Instant)} from one origin. This default serves a runtime
     * that does not mirror: every request is a client's.
     */
    default RequestWindow requests(Track track, Instant from, Instant to, Origin origin) {
        if (origin == Origin.MIRROR) {
            return new RequestWindow(track, from, to, new double[0], new long[0], 0, java.util.Set.of(), true);
        }
        return requests(track, from, to);
    }

    /** Resource samples (one per instance per scrape) of {@code track} taken in [from, to). */
    List<ResourceSample> resources(Track track, Instant from, Instant to);
}
