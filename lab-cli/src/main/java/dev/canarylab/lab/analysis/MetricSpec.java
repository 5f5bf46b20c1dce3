package dev.canarylab.lab.analysis;

import java.util.List;

/**
 * One metric of a canary config.
 *
 * @param query             the PromQL template a Prometheus source runs (placeholders such as {@code ${track}},
 *                          see the metrics package); in older configs an embedded id. The judge never reads it
 * @param embedded          the id of the same metric in the local runtime's embedded telemetry
 *                          ({@code router:request_latency_ms}), or null to use {@code query} as the id
 * @param totalQuery        for error-ratio metrics read from Prometheus: the template counting all requests
 *                          ({@code query} counts the errors); null otherwise
 * @param quantile          the quantile compared by {@link TestKind#QUANTILE}
 * @param allowedIncrease   tolerated canary/baseline ratio upwards (1.2 = up to 20% more is fine)
 * @param allowedDecrease   tolerated ratio downwards (0.8 = down to 20% less is fine)
 * @param criticalIncrease  a HIGH beyond this ratio forces the score to 0 even on a non-critical metric
 * @param criticalDecrease  a LOW beyond this ratio forces the score to 0
 * @param allowedAbsoluteIncrease for error ratios: increases smaller than this many errors per request
 *                          are tolerated whatever the ratio (ratios of tiny rates are meaningless); for value
 *                          metrics judged by Mann-Whitney: the increase of the mean, in the metric's unit,
 *                          tolerated whatever the ratio (see {@link AbsoluteAllowance}; over a baseline whose
 *                          median is 0, {@link ZeroBaseline}), 0 for none
 * @param minTrafficPerMinute below this canary rate (samples per minute) the metric is INCONCLUSIVE
 * @param removeOutliers    drop values beyond Tukey's far-out fences (3 IQR) before testing
 * @param power             this metric's own power demand (see {@link #powerOr}), or null for the config's
 */
public record MetricSpec(
        String name,
        List<String> groups,
        String query,
        MetricKind kind,
        TestKind test,
        double quantile,
        String unit,
        Direction direction,
        boolean critical,
        boolean mustHaveData,
        NanStrategy nanStrategy,
        double nanReplacement,
        double allowedIncrease,
        double allowedDecrease,
        double criticalIncrease,
        double criticalDecrease,
        double allowedAbsoluteIncrease,
        Bound bound,
        Double minTrafficPerMinute,
        boolean removeOutliers,
        String embedded,
        String totalQuery,
        Double power) {

    public MetricSpec {
        groups = List.copyOf(groups);
    }

    /** A metric whose query serves every source (an embedded id, or PromQL only). */
    public MetricSpec(String name, List<String> groups, String query, MetricKind kind, TestKind test, double quantile,
            String unit, Direction direction, boolean critical, boolean mustHaveData, NanStrategy nanStrategy,
            double nanReplacement, double allowedIncrease, double allowedDecrease, double criticalIncrease,
            double criticalDecrease, double allowedAbsoluteIncrease, Bound bound, Double minTrafficPerMinute,
            boolean removeOutliers) {
        this(name, groups, query, kind, test, quantile, unit, direction, critical, mustHaveData, nanStrategy,
                nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease, criticalDecrease,
                allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, null, null, null);
    }

    /**
     * The power this metric must reach before it may PASS: its own, else the config's. 0 makes it a detector
     * only (Kayenta's behaviour): it FAILs on evidence of a change but never holds a promotion back for lack
     * of evidence.
     */
    public double powerOr(double configPower) {
        return power != null ? power : configPower;
    }

    /** The id the embedded source looks up. */
    public String embeddedId() {
        return embedded != null ? embedded : query;
    }

    /** The same metric read through other queries (PromQL, embedded id, total for error ratios). */
    public MetricSpec withQueries(String newQuery, String newEmbedded, String newTotalQuery) {
        return new MetricSpec(name, groups, newQuery, kind, test, quantile, unit, direction, critical,
                mustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, newEmbedded,
                newTotalQuery, power);
    }

    /** A metric with the defaults of its kind; handy in tests and in built-in configs. */
    public static MetricSpec of(String name, String group, MetricKind kind) {
        return new MetricSpec(name, List.of(group), name, kind, TestKind.defaultFor(kind), 0.99,
                kind == MetricKind.LATENCY ? "ms" : "", Direction.INCREASE, false, false,
                NanStrategy.REMOVE, 0.0, kind == MetricKind.ERROR_RATIO ? 2.0 : 1.2, 0.8,
                Double.POSITIVE_INFINITY, 0.0, kind == MetricKind.ERROR_RATIO ? 0.01 : 0.0,
                null, null, false);
    }

    public MetricSpec withTest(TestKind newTest, double newQuantile) {
        return new MetricSpec(name, groups, query, kind, newTest, newQuantile, unit, direction, critical,
                mustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withDirection(Direction newDirection) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, newDirection, critical,
                mustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withCritical(boolean newCritical, boolean newMustHaveData) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, direction, newCritical,
                newMustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withAllowed(double increase, double decrease, double absoluteIncrease) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, direction, critical,
                mustHaveData, nanStrategy, nanReplacement, increase, decrease, criticalIncrease,
                criticalDecrease, absoluteIncrease, bound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withBound(Bound newBound) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, direction, critical,
                mustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, newBound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withNan(NanStrategy strategy, double replacement) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, direction, critical,
                mustHaveData, strategy, replacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, minTrafficPerMinute, removeOutliers, embedded,
                totalQuery, power);
    }

    public MetricSpec withMinTraffic(Double perMinute) {
        return new MetricSpec(name, groups, query, kind, test, quantile, unit, direction, critical,
                mustHaveData, nanStrategy, nanReplacement, allowedIncrease, allowedDecrease, criticalIncrease,
                criticalDecrease, allowedAbsoluteIncrease, bound, perMinute, removeOutliers, embedded, totalQuery, power);
    }
}
