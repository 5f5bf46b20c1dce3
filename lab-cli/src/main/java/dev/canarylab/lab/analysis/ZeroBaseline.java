package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * A value metric whose baseline median is 0 (5xx per step, restarts, a queue that is mostly empty), where a
 * ratio of shifts means nothing. Values are never negative (the judge refuses them), so such a baseline is at
 * least half zeros.
 *
 * <p>The evidence is still Mann-Whitney's p; the size of the change is the difference of the means, judged like
 * an error ratio's: HIGH needs p below the look's level, the canary ranked above the baseline, and the canary's
 * mean above both the allowed ratio times the baseline's mean (where that mean is above 0) and the baseline's
 * mean plus {@code allowedAbsoluteIncrease}. LOW needs the mean below the allowed ratio (nothing is below a
 * mean of 0). A metric with no absolute allowance (the default, 0) tolerates no increase over a baseline of
 * 0: it fails on evidence but cannot pass, since no sample rules out every increase. PASS needs the
 * {@link MeanDifferenceGuard} to detect the allowed difference, and Mann-Whitney to be able to reject at all.
 */
final class ZeroBaseline {

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    private ZeroBaseline() {
    }

    /** True when the rule applies: the (sorted, non-negative) baseline's median is 0. */
    static boolean applies(double[] sortedBaseline) {
        return Stats.quantile(sortedBaseline, 0.5) == 0;
    }

    static Comparison classify(MetricSpec spec, double[] b, double[] c, Look look, CanaryConfig config) {
        String test = TestKind.MANN_WHITNEY.label();
        String unit = spec.unit();
        double meanB = ShiftClassifier.mean(b);
        double meanC = ShiftClassifier.mean(c);
        double diff = meanC - meanB;
        double ratio = meanB > 0 ? meanC / meanB : (meanC > 0 ? Double.POSITIVE_INFINITY : 1.0);
        boolean allZero = b[b.length - 1] == 0 && c[c.length - 1] == 0;
        double p = 1.0;
        double cles = 0.5;
        if (!allZero) {
            MannWhitneyUTest.Result mw = MANN_WHITNEY.test(c, b);
            p = mw.getPValue();
            cles = mw.getStatistic() / ((double) b.length * c.length);
        }
        double alpha = look.alpha();
        double half = alpha > 0 ? PowerGuard.z(alpha, true) * Math.sqrt(MeanDifferenceGuard.variance(b) / b.length
                + MeanDifferenceGuard.variance(c) / c.length) : Double.POSITIVE_INFINITY;
        double abs = spec.allowedAbsoluteIncrease();
        double upTo = meanB > 0 ? Math.max(meanB * spec.allowedIncrease(), meanB + abs) : meanB + abs;
        double downTo = meanB * spec.allowedDecrease();
        String evidence = "mean " + Format.value(meanC, unit) + " vs " + Format.value(meanB, unit)
                + (meanB > 0 ? " (" + Format.ratio(ratio) + ")" : "") + ", baseline median 0, difference "
                + signed(diff, unit) + ", interval " + signed(diff - half, unit) + " to " + signed(diff + half, unit)
                + ", " + allowedText(spec, meanB, upTo, downTo) + ", p=" + Format.pValue(p);

        boolean significant = p < alpha;
        if (spec.direction().watchesIncrease() && significant && cles > 0.5 && meanC > upTo) {
            return result(Classification.HIGH, p, diff, half, ratio, cles, null, evidence);
        }
        if (spec.direction().watchesDecrease() && significant && cles < 0.5 && meanC < downTo) {
            return result(Classification.LOW, p, diff, half, ratio, cles, null, evidence);
        }
        double power = spec.powerOr(config.power());
        if (power <= 0) {
            // A detector only: no evidence of a change is not a reason to hold the canary back.
            return result(Classification.PASS, p, diff, half, ratio, cles, null, evidence);
        }
        // A look with no alpha of its own still may not pass what no look of the analysis could have rejected.
        double level = alpha > 0 ? alpha : look.budget();
        if (smallestP(b.length, c.length) >= level) {
            return result(Classification.INCONCLUSIVE, p, diff, half, ratio, cles, testableAfter(b.length, c.length,
                    level), evidence + "; too few samples for Mann-Whitney to detect any change at this confidence");
        }
        double zSum = PowerGuard.detectable(1.0, look, true, power);
        MeanDifferenceGuard guard = MeanDifferenceGuard.of(b, c);
        if (spec.direction().watchesIncrease()) {
            double allowed = meanB > 0 ? Math.max(meanB * (spec.allowedIncrease() - 1), abs) : abs;
            if (!(allowed > 0)) {
                return result(Classification.INCONCLUSIVE, p, diff, half, ratio, cles, -1L, evidence
                        + "; no sample can show that nothing at all changed: set allowedAbsoluteIncrease to let this"
                        + " metric pass");
            }
            double detectable = guard.up(zSum);
            if (detectable > allowed) {
                return result(Classification.INCONCLUSIVE, p, diff, half, ratio, cles,
                        guard.needMore(zSum, allowed, true), evidence + "; too few samples to detect an increase of "
                                + signed(allowed, unit) + " (it could only detect " + signed(detectable, unit) + ")");
            }
        }
        if (spec.direction().watchesDecrease() && meanB > 0) {
            double allowed = meanB * (1 - spec.allowedDecrease());
            double detectable = guard.down(zSum);
            if (detectable > allowed) {
                return result(Classification.INCONCLUSIVE, p, diff, half, ratio, cles,
                        guard.needMore(zSum, allowed, false), evidence + "; too few samples to detect a decrease of "
                                + signed(-allowed, unit) + " (it could only detect " + signed(-detectable, unit) + ")");
            }
        }
        return result(Classification.PASS, p, diff, half, ratio, cles, null, evidence);
    }

    private static Comparison result(Classification classification, double p, double diff, double half,
            double ratio, double cles, Long needMore, String evidence) {
        return new Comparison(classification, TestKind.MANN_WHITNEY.label(), p, diff, diff - half, diff + half,
                "difference", ratio, cles, ratio, needMore, evidence);
    }

    private static String allowedText(MetricSpec spec, double meanB, double upTo, double downTo) {
        String unit = spec.unit();
        String up = meanB == 0 && spec.allowedAbsoluteIncrease() == 0 ? "no increase over 0 allowed"
                : "allowed up to " + Format.value(upTo, unit) + " ("
                        + (meanB > 0 ? Format.ratio(spec.allowedIncrease()) + " or " : "")
                        + signed(spec.allowedAbsoluteIncrease(), unit) + ")";
        String down = "allowed down to " + Format.value(downTo, unit);
        return switch (spec.direction()) {
            case INCREASE -> up;
            case DECREASE -> down;
            case EITHER -> up + ", " + down;
        };
    }

    /** The smallest two-sided p of an exact Mann-Whitney test of n against m values: 2 / C(n + m, n). */
    static double smallestP(long n, long m) {
        double ways = 1;
        for (long i = 1; i <= Math.min(n, m) && ways < 1e12; i++) {
            ways = ways * (Math.max(n, m) + i) / i;
        }
        return Math.min(1, 2 / ways);
    }

    private static long testableAfter(long n, long m, double alpha) {
        for (long more = 1; more < 1_000; more++) {
            if (smallestP(n + more, m + more) < alpha) {
                return more;
            }
        }
        return -1;
    }

    private static String signed(double d, String unit) {
        return (d > 0 ? "+" : "") + Format.value(d, unit);
    }
}
