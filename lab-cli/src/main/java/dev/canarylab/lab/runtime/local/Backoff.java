package dev.canarylab.lab.runtime.local;

import java.time.Duration;

/**
 * The kubelet's restart back-off, scaled down for a lab: 1 s after the first crash, doubling up to 30 s, and back
 * to 1 s once an instance has run for a minute (the kubelet uses 10 s, 5 min and 10 min).
 */
final class Backoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(30);
    static final Duration RESET_AFTER = Duration.ofMinutes(1);

    private int consecutive;

    /** The delay before the next start, given how long the process that just ended had run. */
    Duration next(Duration ran) {
        if (ran.compareTo(RESET_AFTER) >= 0) {
            consecutive = 0;
        }
        Duration d = INITIAL.multipliedBy(1L << Math.min(consecutive, 10));
        consecutive++;
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
