package dev.canarylab.lab.analysis;

/**
 * The limits a metric was judged against, carried with its result as evidence.
 *
 * @param bound the absolute bound in words ("p99 <= 1 s"), or null
 */
public record Thresholds(double allowedIncrease, double allowedDecrease, double criticalIncrease,
        double criticalDecrease, double allowedAbsoluteIncrease, String bound) {

    public static Thresholds of(MetricSpec spec) {
        String bound = spec.bound() == null ? null
                : spec.bound().describe(spec.kind() == MetricKind.ERROR_RATIO ? "" : spec.unit());
        return new Thresholds(spec.allowedIncrease(), spec.allowedDecrease(), spec.criticalIncrease(),
                spec.criticalDecrease(), spec.allowedAbsoluteIncrease(), bound);
    }
}
