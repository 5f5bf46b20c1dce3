package dev.canarylab.traffic.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The assertions a CI smoke test sets, each null when not asked for. They are checked against the summary's
 * totals, so what fails is exactly what the JSON shows.
 */
public record Thresholds(Double successPct, Double p95Ms, Double p99Ms, Double meanMs, Double maxMs, Double rpsPct) {

    public static final Thresholds NONE = new Thresholds(null, null, null, null, null, null);

    public Thresholds {
        requireRange("success-pct", successPct, 100);
        requireRange("rps-pct", rpsPct, 1000);
        requireRange("p95-ms", p95Ms, Double.MAX_VALUE);
        requireRange("p99-ms", p99Ms, Double.MAX_VALUE);
        requireRange("mean-ms", meanMs, Double.MAX_VALUE);
        requireRange("max-ms", maxMs, Double.MAX_VALUE);
    }

    /** One result per threshold that was set, in flag order. */
    public List<AssertionResult> check(Stats total, double requestedRps) {
        List<AssertionResult> results = new ArrayList<>();
        if (successPct != null) {
            results.add(AssertionResult.atLeast("success-pct", successPct, Stats.round2(total.successPct()), "%"));
        }
        if (p95Ms != null) {
            results.add(AssertionResult.atMost("p95-ms", p95Ms, total.p95Ms(), total.count(), " ms"));
        }
        if (p99Ms != null) {
            results.add(AssertionResult.atMost("p99-ms", p99Ms, total.p99Ms(), total.count(), " ms"));
        }
        if (meanMs != null) {
            results.add(AssertionResult.atMost("mean-ms", meanMs, total.meanMs(), total.count(), " ms"));
        }
        if (maxMs != null) {
            results.add(AssertionResult.atMost("max-ms", maxMs, total.maxMs(), total.count(), " ms"));
        }
        if (rpsPct != null) {
            double pct = requestedRps <= 0 ? 0 : Stats.round2(100 * total.rps() / requestedRps);
            results.add(AssertionResult.atLeast("rps-pct", rpsPct, pct, "%"));
        }
        return results;
    }

    private static void requireRange(String name, Double value, double max) {
        if (value != null && (!Double.isFinite(value) || value < 0 || value > max)) {
            throw new IllegalArgumentException("--assert-" + name + " must be between 0 and "
                    + (max == Double.MAX_VALUE ? "any positive number" : Stats.round2(max)) + ", got " + value);
        }
    }
}
