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
 */
final class BoundCheck {

    private BoundCheck() {
    }

    /** The violation as HIGH or LOW with its sentence, or null when the canary is within the bound. */
    static Comparison check(MetricSpec spec, double[] sortedCanary, MetricData.Counts canaryCounts, double alpha) {
        Bound bound = spec.bound();
        if (bound == null || alpha <= 0) {
            return null;
        }
        String unit = spec.kind() == MetricKind.ERROR_RATIO ? "" : spec.unit();
        String name = bound.statistic().label();
        double observed;
        double low;
        double high;
        if (canaryCounts != null) {
            long n = canaryCounts.total();
            int k = Math.toIntExact(canaryCounts.errors());
            observed = (double) k / n;
            boolean above = bound.max() != null && BinomialTest.withDefaults()
                    .with(AlternativeHypothesis.GREATER_THAN).test(Math.toIntExact(n), k, bound.max())
                    .getPValue() < alpha;
            boolean below = bound.min() != null && BinomialTest.withDefaults()
                    .with(AlternativeHypothesis.LESS_THAN).test(Math.toIntExact(n), k, bound.min())
                    .getPValue() < alpha;
            return verdict(spec, name, Format.percent(observed), above, below, true);
        }
        double[] v = sortedCanary;
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

    private static Comparison verdict(MetricSpec spec, String name, String observed, boolean above, boolean below,
            boolean ratio) {
        if (!above && !below) {
            return null;
        }
        Bound bound = spec.bound();
        String unit = ratio ? "" : spec.unit();
        String limit = above
                ? (ratio ? Format.percent(bound.max()) : Format.value(bound.max(), unit))
                : (ratio ? Format.percent(bound.min()) : Format.value(bound.min(), unit));
        String reason = "canary " + name + " " + observed + (above ? " above" : " below") + " the bound "
                + (above ? "max " : "min ") + limit;
        return Comparison.simple(above ? Classification.HIGH : Classification.LOW, "bound", reason);
    }
}
