package dev.canarylab.lab.runtime;

import java.time.Instant;
import java.util.Set;

/**
 * The requests of one track in a time window, as the judge needs them: every latency, and error counts.
 *
 * @param latenciesMs latency of each request in milliseconds, measured at the router (what a client sees), in
 *     completion order
 * @param bytes response body bytes of each request, in the same order
 * @param errors requests answered 5xx, by the instance or by the router (no instance could answer)
 * @param versions the versions that answered; more than one when the track changed version inside the window
 * @param complete false when the window starts before the oldest retained sample
 */
public record RequestWindow(Track track, Instant from, Instant to, double[] latenciesMs, long[] bytes, long errors,
        Set<String> versions, boolean complete) {

    public RequestWindow {
        latenciesMs = latenciesMs.clone();
        bytes = bytes.clone();
        versions = Set.copyOf(versions);
    }

    public long total() {
        return latenciesMs.length;
    }

    public double errorRate() {
        return total() == 0 ? Double.NaN : (double) errors / total();
    }
}
