package dev.canarylab.traffic;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as flags take them ("500ms", "10s", "1m30s", "1.5h") and as traffic-gen prints them. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Map<String, Long> MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);

    private Durations() {
    }

    /** Parses one or more number-unit parts (units ms, s, m and h), or a bare "0". */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal millis = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            millis = millis.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(MILLIS.get(m.group(2)))));
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 10s, 1m30s or 2h");
        }
        return Duration.ofNanos(millis.movePointRight(6).longValue());
    }

    /** The shortest exact form that {@link #parse} reads back: "90s" prints as "90s", 5 minutes as "5m". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** A clock for progress lines: "0:05", "12:30", "1:02:03". */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
