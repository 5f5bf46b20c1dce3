package dev.canarylab.lab.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Durations in strategies, configs and options: the lab's one grammar ({@link DurationText}), the same as
 * sample-app's and traffic-gen's: "500ms", "10s", "1m30s", "1.5h", "0"; never negative.
 */
public final class Durations {

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        return DurationText.parse(text);
    }

    /** "10s", "3m", "1m30s", "1.5s": how the lab prints durations, as the other modules do. */
    public static String format(Duration d) {
        return DurationText.format(d);
    }
}
