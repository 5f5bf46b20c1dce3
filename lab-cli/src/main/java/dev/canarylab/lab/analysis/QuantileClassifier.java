package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Tail comparison: "10% of requests 20x slower" barely moves Mann-Whitney but moves p95 and p99 a lot.
 *
 * <p>The estimate is the ratio of the canary's and the baseline's q-quantiles. Its interval combines the
 * order-statistic interval of each quantile at level alpha/2 (Bonferroni), so it covers with confidence at
 * least 1 - alpha: {@code [lo_c / hi_b, hi_c / lo_b]}. The p-value is twice the smaller of two exact tests'
 * (Bonferroni again): the generalised median test (Mood), Fisher's exact test on how many of each track's values
 * exceed the pooled q-quantile (or reach it, when ties leave nothing above it), and the {@link TailExceedance}
 * count of canary values above the baseline's own q-quantile. Mood's alone misses a third of the canary 250 ms
 * late (the pooled p99 then sits inside the moved third); the count alone is slower on a tail that grows
 * within the slowest percent; both at half the level catch either ({@code lab evaluate}, docs/judge.md).
 * HIGH needs p below the look's level and the ratio beyond the allowed one. The power guard asks for enough
 * samples that both quantile intervals are bounded and narrow enough to see the allowed ratio.
 */
final class QuantileClassifier {

    private QuantileClassifier() {
    }

    static Comparison classify(MetricSpec spec, double[] b, double[] c, Look look, CanaryConfig config) {
        return classify(spec, b, c, look, config, null, null);
    }

    /**
     * @param boundsB the baseline's histogram bucket bounds when its values were rebuilt from buckets, else null:
     *                each end of its quantile's interval then widens to the bucket holding it
     * @param boundsC the same for the canary
     */
    static Comparison classify(MetricSpec spec, double[] b, double[] c, Look look, CanaryConfig config,
            double[] boundsB, double[] boundsC) {
        double q = spec.quantile();
        String name = Format.quantileName(q);
        String test = TestKind.QUANTILE.label() + " " + name;
        String unit = spec.unit();
        double qb = Stats.quantile(b, q);
        double qc = Stats.quantile(c, q);
        double meanRatio = ShiftClassifier.mean(c) / ShiftClassifier.mean(b);
        // The ratio needs positive quantiles, not positive values: one request rounded to 0 ms must not turn
        // the tail test into a difference that can never fail.
        boolean positive = qb > 0 && qc > 0;
        double estimate = positive ? qc / qb : qc - qb;
        String values = name + " " + Format.value(qc, unit) + " vs " + Format.value(qb, unit)
                + (positive ? " (" + Format.ratio(estimate) + ")" : "");
        if (java.util.Arrays.equals(b, c)) {
            return new Comparison(Classification.PASS, test, 1.0, positive ? 1.0 : 0.0, Double.NaN, Double.NaN,
                    positive ? "ratio" : "difference", 1.0, Double.NaN, 1.0, null, values + ", identical samples");
        }
        double alpha = look.alpha();
        // Two exact tests of the same null, each at half the level (Bonferroni): Mood's sees a tail that grew
        // within the slowest percent, the exceedance count a share of the canary that moved past the baseline's tail.
        TailExceedance exceedance = TailExceedance.test(spec.direction(), b, c, q, boundsB, boundsC);
        double p = Math.min(1, 2 * Math.min(exceedanceTest(spec.direction(), b, c, q), exceedance.pValue()));
        double[] ib = alpha > 0 ? toBuckets(QuantileInterval.of(b, q, alpha / 2), boundsB) : unbounded();
        double[] ic = alpha > 0 ? toBuckets(QuantileInterval.of(c, q, alpha / 2), boundsC) : unbounded();
        boolean binned = boundsB != null || boundsC != null;
        double lower = positive ? Math.max(ic[0], 0) / ib[1] : ic[0] - ib[1];
        double upper = positive ? ic[1] / Math.max(ib[0], 0) : ic[1] - ib[0];
        String interval = positive
                ? "interval " + Format.ratio(lower) + "-" + Format.ratio(upper)
                : "interval " + Format.value(lower, unit) + " to " + Format.value(upper, unit);
        if (positive && alpha > 0 && !(lower > 0 && Double.isFinite(upper))) {
            // "0.00x-inf" beside a tiny p-value reads as a contradiction: the interval needs far more values than
            // the exceedance counts do, so say which one is open and why.
            interval += " (open: " + (binned ? "the buckets are" : Math.min(b.length, c.length) + " values are")
                    + " too few to bound a " + name + " at this level; the exceedance counts are the test)";
        }
        String evidence = values + ", " + interval + ", " + exceedanceText(exceedance, name) + ", "
                + ShiftClassifier.allowedText(spec) + ", p=" + Format.pValue(p);
        double effect = positive ? estimate : Double.NaN;
        String scale = positive ? "ratio" : "difference";

        boolean significant = p < alpha;
        if (spec.direction().watchesIncrease() && significant && positive && estimate > spec.allowedIncrease()) {
            return new Comparison(Classification.HIGH, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, null, evidence);
        }
        if (spec.direction().watchesDecrease() && significant && positive && estimate < spec.allowedDecrease()) {
            return new Comparison(Classification.LOW, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, null, evidence);
        }
        boolean beyondAllowed = positive
                && ((spec.direction().watchesIncrease() && estimate > spec.allowedIncrease())
                || (spec.direction().watchesDecrease() && estimate < spec.allowedDecrease()));
        if (beyondAllowed && alpha > 0) {
            if (spec.powerOr(config.power()) <= 0) {
                // A detector only: an estimate past the allowed ratio is not evidence of a change; holding the
                // canary back for it is what power 0 promises not to do (a smoke test's p99 on 400 requests).
                return new Comparison(Classification.PASS, test, p, estimate, lower, upper, scale, meanRatio,
                        Double.NaN, effect, null, evidence + "; the " + name + " is beyond the allowed ratio but not"
                                + " significantly, and this metric only detects changes (power 0)");
            }
            // Mood's test and the ratio are different statistics: an estimate past the allowed ratio without
            // significance is unresolved, whatever the interval's width says.
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, -1L, evidence + "; the " + name + " is beyond the allowed ratio but not"
                            + " significantly");
        }
        if (!positive) {
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, -1L, evidence + "; a quantile ratio needs positive quantiles");
        }
        double allowedLog = switch (spec.direction()) {
            case INCREASE -> Math.log(spec.allowedIncrease());
            case DECREASE -> -Math.log(spec.allowedDecrease());
            case EITHER -> Math.min(Math.log(spec.allowedIncrease()), -Math.log(spec.allowedDecrease()));
        };
        int have = Math.min(b.length, c.length);
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower > 0)) {
            if (spec.powerOr(config.power()) <= 0) {
                // A detector only: no evidence of a change is not a reason to hold the canary back.
                return new Comparison(Classification.PASS, test, p, estimate, lower, upper, scale, meanRatio,
                        Double.NaN, effect, null, evidence + (binned ? "; the histogram's buckets are too coarse"
                                : "; too few samples") + " to bound the " + name
                                + ", and this metric only detects changes (power 0)");
            }
            long need = alpha > 0 ? Math.max(1, QuantileInterval.minimumSize(q, alpha / 2) - have) : -1;
            if (binned && have >= QuantileInterval.minimumSize(q, alpha / 2)) {
                return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                        Double.NaN, effect, -1L, evidence + "; the histogram's buckets are too coarse to bound the "
                                + name + " (more requests will not help: finer buckets will)");
            }
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, need, evidence + "; too few samples to bound the " + name);
        }
        double se = (Math.log(upper) - Math.log(lower)) / 2 / PowerGuard.z(alpha, true);
        double detectable = PowerGuard.detectable(se, look, true, spec.powerOr(config.power()));
        if (spec.powerOr(config.power()) > 0 && (detectable > allowedLog)) {
            long need = Math.max(1, PowerGuard.needMore(have, detectable, allowedLog));
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    Double.NaN, effect, need, evidence + "; too few samples to detect the allowed change (it could"
                            + " only detect " + Format.ratio(Math.exp(detectable)) + ")");
        }
        return new Comparison(Classification.PASS, test, p, estimate, lower, upper, scale, meanRatio, Double.NaN,
                effect, null, evidence);
    }

    /** "68 of 222 canary requests (31%) above the baseline's p99 (expected 1.1%)". */
    static String exceedanceText(TailExceedance e, String name) {
        return e.above() + " of " + e.canarySize() + " canary values (" + Format.percent(e.share())
                + ") above the baseline's " + name + " (expected " + Format.percent(e.expected()) + ")";
    }

    /** Mood's generalised median test: Fisher's exact test on exceedances of the pooled q-quantile. */
    static double exceedanceTest(Direction direction, double[] b, double[] c, double q) {
        double[] pooled = merge(b, c);
        double threshold = Stats.quantile(pooled, q);
        int aboveC = countAbove(c, threshold);
        int aboveB = countAbove(b, threshold);
        if (aboveC + aboveB == 0) {
            // The pooled quantile sits on the largest values (ties, as with whole milliseconds): nothing is
            // strictly above it, so split at it instead. The split depends on the pooled values only, so under
            // the null the table is still hypergeometric and the test stays exact.
            aboveC = c.length - countBelow(c, threshold);
            aboveB = b.length - countBelow(b, threshold);
        }
        AlternativeHypothesis alternative = switch (direction) {
            case INCREASE -> AlternativeHypothesis.GREATER_THAN;
            case DECREASE -> AlternativeHypothesis.LESS_THAN;
            case EITHER -> AlternativeHypothesis.TWO_SIDED;
        };
        int[][] table = {{aboveC, c.length - aboveC}, {aboveB, b.length - aboveB}};
        return FisherExactTest.withDefaults().with(alternative).test(table).getPValue();
    }

    private static int countAbove(double[] sorted, double threshold) {
        int idx = java.util.Arrays.binarySearch(sorted, threshold);
        int firstAbove;
        if (idx < 0) {
            firstAbove = -idx - 1;
        } else {
            firstAbove = idx;
            while (firstAbove < sorted.length && sorted[firstAbove] <= threshold) {
                firstAbove++;
            }
        }
        return sorted.length - firstAbove;
    }

    private static int countBelow(double[] sorted, double threshold) {
        int n = 0;
        while (n < sorted.length && sorted[n] < threshold) {
            n++;
        }
        return n;
    }

    private static double[] merge(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }

    /**
     * An order-statistic interval of values rebuilt from buckets, widened to the buckets holding its ends: a
     * rebuilt value stands for any latency in its bucket. Values on the last bound came from the +Inf bucket, so an
     * upper end there is unbounded.
     */
    static double[] toBuckets(double[] interval, double[] bounds) {
        if (bounds == null || bounds.length == 0) {
            return interval;
        }
        double last = bounds[bounds.length - 1];
        double lo = interval[0];
        double hi = interval[1];
        double below = 0;
        if (Double.isInfinite(lo) || lo >= last) {
            below = Double.isInfinite(lo) ? lo : last;
        } else {
            for (double bound : bounds) {
                if (bound < lo) {
                    below = bound;
                }
            }
        }
        double above = Double.POSITIVE_INFINITY;
        if (hi < last) {
            for (int i = bounds.length - 1; i >= 0 && bounds[i] >= hi; i--) {
                above = bounds[i];
            }
        }
        return new double[] {below, above};
    }

    private static double[] unbounded() {
        return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
}
