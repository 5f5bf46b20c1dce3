package dev.canarylab.sample;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regressions a version carries. All off by default; each is a flag at start-up and a field of the admin API,
 * where durations and sizes are written as in the flags ("250ms", "64KiB").
 */
public record Faults(
        Duration latency,
        Duration latencyJitter,
        double latencyRatio,
        double errorRate,
        long payloadBloat,
        Duration cpuBurn,
        long leak,
        long leakCap,
        long crashAfterRequests,
        Duration crashAfter,
        int crashExitCode,
        boolean unready,
        boolean unhealthy,
        Duration slowStart) {

    public static final long DEFAULT_LEAK_CAP = 64L * 1024 * 1024;
    /** A bloated answer is one array in memory: past this it could not be built, let alone sent. */
    public static final long MAX_PAYLOAD_BLOAT = 1024L * 1024 * 1024;
    public static final int DEFAULT_CRASH_EXIT_CODE = 1;
    public static final Faults NONE = new Faults(Duration.ZERO, Duration.ZERO, 1.0, 0, 0, Duration.ZERO, 0,
            DEFAULT_LEAK_CAP, 0, Duration.ZERO, DEFAULT_CRASH_EXIT_CODE, false, false, Duration.ZERO);

    public Faults {
        requireFraction("latencyRatio", latencyRatio);
        requireFraction("errorRate", errorRate);
        requireNonNegative("payloadBloat", payloadBloat);
        if (payloadBloat > MAX_PAYLOAD_BLOAT) {
            throw new IllegalArgumentException("payloadBloat must be at most 1GiB, got " + Units.formatBytes(payloadBloat));
        }
        requireNonNegative("leak", leak);
        requireNonNegative("leakCap", leakCap);
        requireNonNegative("crashAfterRequests", crashAfterRequests);
        if (crashExitCode < 1 || crashExitCode > 255) {
            throw new IllegalArgumentException("crashExitCode must be between 1 and 255, got " + crashExitCode);
        }
        for (Duration d : List.of(latency, latencyJitter, cpuBurn, crashAfter, slowStart)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative, got " + d);
            }
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    public boolean latencyActive() {
        return latencyRatio > 0 && (latency.toNanos() > 0 || latencyJitter.toNanos() > 0);
    }

    public boolean crashActive() {
        return crashAfterRequests > 0 || crashAfter.toNanos() > 0;
    }

    /** The active faults in words, for the start-up line and logs: "latency 250ms on 30% of requests, 5% errors". */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (latencyActive()) {
            String amount = Units.format(latency) + (latencyJitter.isZero() ? "" : " + up to " + Units.format(latencyJitter));
            out.add("latency " + amount + " on " + percent(latencyRatio) + " of requests");
        }
        if (errorRate > 0) {
            out.add(percent(errorRate) + " errors");
        }
        if (payloadBloat > 0) {
            out.add("payload +" + Units.formatBytes(payloadBloat));
        }
        if (cpuBurn.toNanos() > 0) {
            out.add("CPU burn " + Units.format(cpuBurn) + " per request");
        }
        if (leak > 0) {
            out.add("memory leak " + Units.formatBytes(leak) + " per request (cap " + Units.formatBytes(leakCap) + ")");
        }
        if (crashAfterRequests > 0) {
            out.add("crash (exit " + crashExitCode + ") after " + crashAfterRequests + " requests");
        }
        if (crashAfter.toNanos() > 0) {
            out.add("crash (exit " + crashExitCode + ") after " + Units.format(crashAfter));
        }
        if (unready) {
            out.add("never ready");
        }
        if (unhealthy) {
            out.add("liveness failing");
        }
        if (slowStart.toNanos() > 0) {
            out.add("slow start " + Units.format(slowStart));
        }
        return out;
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    /** The admin API's JSON shape. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency", Units.format(latency));
        m.put("latencyJitter", Units.format(latencyJitter));
        m.put("latencyRatio", latencyRatio);
        m.put("errorRate", errorRate);
        m.put("payloadBloat", Units.formatBytes(payloadBloat));
        m.put("cpuBurn", Units.format(cpuBurn));
        m.put("leak", Units.formatBytes(leak));
        m.put("leakCap", Units.formatBytes(leakCap));
        m.put("crashAfterRequests", crashAfterRequests);
        m.put("crashAfter", Units.format(crashAfter));
        m.put("crashExitCode", crashExitCode);
        m.put("unready", unready);
        m.put("unhealthy", unhealthy);
        m.put("slowStart", Units.format(slowStart));
        return m;
    }

    /** Reads the admin API's JSON shape; fields left out keep their value in {@code base}. */
    public static Faults fromMap(Map<String, ?> fields, Faults base) {
        Map<String, Object> m = base.toMap();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown fault '" + e.getKey() + "' (known: " + String.join(", ", m.keySet()) + ")");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(e.getKey() + " must not be null");
            }
            m.put(e.getKey(), e.getValue());
        }
        return new Faults(
                duration(m, "latency"),
                duration(m, "latencyJitter"),
                fraction(m, "latencyRatio"),
                fraction(m, "errorRate"),
                bytes(m, "payloadBloat"),
                duration(m, "cpuBurn"),
                bytes(m, "leak"),
                bytes(m, "leakCap"),
                whole(m, "crashAfterRequests", 0, Long.MAX_VALUE),
                duration(m, "crashAfter"),
                (int) whole(m, "crashExitCode", 1, 255),
                flag(m, "unready"),
                flag(m, "unhealthy"),
                duration(m, "slowStart"));
    }

    private static Duration duration(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + ": expected a duration string such as \"250ms\", got " + shown(v));
        }
        return withKey(key, () -> Units.parseDuration(s));
    }

    private static long bytes(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n && n.doubleValue() == 0) {
            return 0;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + ": expected a size string such as \"64KiB\", got " + shown(v));
        }
        return withKey(key, () -> Units.parseBytes(s));
    }

    private static double fraction(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(key + ": expected a number between 0 and 1, got " + shown(v));
        }
        return n.doubleValue();
    }

    /**
     * A whole number within [min, max], read exactly: JSON numbers have no size limit, and a cast to long or int
     * would turn 2^64+1 into 1 and 2^32+2 into 2.
     */
    private static long whole(Map<String, Object> m, String key, long min, long max) {
        Object v = m.get(key);
        BigInteger value = null;
        if (v instanceof Number n && !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f))) {
            try {
                value = new BigDecimal(n.toString()).toBigIntegerExact();
            } catch (ArithmeticException | NumberFormatException e) {
                value = null;
            }
        }
        if (value == null) {
            throw new IllegalArgumentException(key + ": expected a whole number, got " + shown(v));
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value.longValueExact();
    }

    /** A value as the user wrote it in JSON: strings quoted, so that "5" and 5 read differently. */
    private static String shown(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static boolean flag(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(key + ": expected true or false, got " + shown(v));
        }
        return b;
    }

    private static <T> T withKey(String key, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
