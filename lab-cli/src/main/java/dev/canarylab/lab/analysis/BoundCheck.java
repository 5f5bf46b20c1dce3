package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * Absolute bounds on the canary alone (Argo Rollouts' successCondition, Flagger's thresholds). Sampled
 * statistics must break the bound with confidence, so that one error in ten requests does not trip an
 * "error ratio at most 1%" bound: error ratios use an exact binomial test against the bound, quantiles the
 * one-sided order-statistic bound, means Student's t one. Totals and maxima are observed exactly and compare
 * as they are.
 *
 * <p>The baseline is checked too: when it breaks the same bound the same way, the bound says something about the
 * machine or the traffic (both versions see them), not about the release, and the metric stays INCONCLUSIVE
 * instead of failing the canary (see {@link Judge}).
 */
final class BoundCheck {

    private BoundCheck() {
    }

    /**
     * How a track breaks a bound.
     *
     * @param classification HIGH above a max, LOW below a min
     * @param observed       the statistic with its value, "p99 2.33 s"
     * @param limit          "above the bound max 1 s"
     */
    record Violation(Classification classification, String observed, String limit) {

        /** "canary p99 2.33 s above the bound max 1 s". */
        String reason(String track) {
            return track + " " + observed + " " + limit;
        }

        /**
         * "canary p99 2.33 s and baseline p99 2.47 s are both above the bound max 1 s: the environment breaks it,
         * not the release".
         */
        String reasonWith(Violation baseline) {
            return "canary " + observed + " and baseline " + baseline.observed() + " are both " + limit
                    + ": the environment breaks it, not the release";
        }
    }

    /**
     * How the track's sample breaks the bound, or null when it is within the bound (or breaks it without
     * confidence). Either {@code sorted} values or {@code counts} are given.
     */
    static Violation check(MetricSpec spec, double[] sorted, MetricData.Counts counts, double alpha) {
        Bound bound = spec.bound();
        if (bound == null || alpha <= 0) {
            return null;
        }
        String unit = spec.kind() == MetricKind.ERROR_RATIO ? "" : spec.unit();
        String name = bound.statistic().label();
        double observed;
        double low;
        double high;
        if (counts != null) {
            long n = counts.total();
            int k = Math.toIntExact(counts.errors());
            observed = (double) k / n;
            boolean above = bound.max() != null && BinomialTest.withDefaults()
                    .with(AlternativeHypothesis.GREATER_THAN).test(Math.toIntExact(n), k, bound.max())
                    .getPValue() < alpha;
            boolean below = bound.min() != null && BinomialTest.withDefaults()
                    .with(AlternativeHypothesis.LESS_THAN).test(Math.toIntExact(n), k, bound.min())
                    .getPValue() < alpha;
            return verdict(spec, name, Format.percent(observed), above, below, true);
        }
        double[] v = sorted;
        switch (bound.statistic()) {
            case TOTAL -> {
                double sum = 0;
                for (double d : v) {
                    sum += d;
                }
                observed = low = high = sum;
            }
            case MAX -> observed = low = high = v[v.length - 1];
            case MEAN -> {
                observed = ShiftClassifier.mean(v);
                double sd = 0;
                for (double d : v) {
                    sd += (d - observed) * (d - observed);
                }
                sd = v.length > 1 ? Math.sqrt(sd / (v.length - 1)) : Double.POSITIVE_INFINITY;
                // Student's t, not the normal: with a handful of steps the normal bound is far too tight.
                double margin = v.length > 1
                        ? TDistribution.of(v.length - 1).inverseSurvivalProbability(alpha) * sd / Math.sqrt(v.length)
                        : Double.POSITIVE_INFINITY;
                low = observed - margin;
                high = observed + margin;
            }
            default -> {
                double q = bound.statistic().quantile();
                observed = Stats.quantile(v, q);
                // One-sided bounds at alpha each: the two-sided interval at 2 alpha.
                double[] ci = QuantileInterval.of(v, q, Math.min(1, 2 * alpha));
                low = ci[0];
                high = ci[1];
            }
        }
        boolean above = bound.max() != null && low > bound.max();
        boolean below = bound.min() != null && high < bound.min();
        return verdict(spec, name, Format.value(observed, unit), above, below, false);
    }

    private static Violation verdict(MetricSpec spec, String name, String observed, boolean above, boolean below,
            boolean ratio) {
        if (!above && !below) {
            return null;
        }
        Bound bound = spec.bound();
        String unit = ratio ? "" : spec.unit();
        String limit = above
                ? (ratio ? Format.percent(bound.max()) : Format.value(bound.max(), unit))
                : (ratio ? Format.percent(bound.min()) : Format.value(bound.min(), unit));
        return new Violation(above ? Classification.HIGH : Classification.LOW, name + " " + observed,
                (above ? "above" : "below") + " the bound " + (above ? "max " : "min ") + limit);
    }
}
