package dev.canarylab.traffic.stats;

/** One checked assertion: e.g. {@code p95-ms}, expected "<= 500 ms", actual 812, failed. */
public record AssertionResult(String name, String expected, double actual, boolean passed) {

    static AssertionResult atLeast(String name, double threshold, double actual, String unit) {
        return new AssertionResult(name, ">= " + plain(threshold) + unit, actual, actual >= threshold);
    }

    /** An upper bound on latency: with no request at all there is no latency to trust, so it fails. */
    static AssertionResult atMost(String name, double threshold, double actual, long count, String unit) {
        return new AssertionResult(name, "<= " + plain(threshold) + unit, actual, count > 0 && actual <= threshold);
    }

    /** "assertion failed: p95-ms was 812, expected <= 500 ms" */
    public String describe() {
        return "assertion " + (passed ? "passed" : "failed") + ": " + name + " was " + plain(actual)
                + ", expected " + expected;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
