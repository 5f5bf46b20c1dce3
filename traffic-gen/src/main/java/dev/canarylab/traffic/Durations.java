package dev.canarylab.traffic;

import java.time.Duration;

/** Durations as flags take them ("500ms", "10s", "1m30s", "1.5h") and as traffic-gen prints them. */
public final class Durations {

    private Durations() {
    }

    /** Parses the lab's one duration grammar ({@link DurationText}): "500ms", "10s", "1m30s", "1.5h", "0". */
    public static Duration parse(String text) {
        return DurationText.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a duration such as 500ms, 10s, 1m30s or 2h"));
    }

    /** The form every module prints ({@link DurationText}): 90 seconds as "1m30s", 5 minutes as "5m". */
    public static String format(Duration d) {
        return DurationText.format(d);
    }

    /** A clock for progress lines: "0:05", "12:30", "1:02:03". */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
