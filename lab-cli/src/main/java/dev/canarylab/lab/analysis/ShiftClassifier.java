package dev.canarylab.lab.analysis;

import java.util.Arrays;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Kayenta's judge: a two-sided Mann-Whitney U test with the Hodges-Lehmann shift estimate and interval.
 * Values that are all positive (latencies, sizes, CPU) are compared on the log scale, where a shift is a
 * ratio ("1.2x"); Mann-Whitney's p-value does not change under the log, only the estimate becomes a ratio.
 *
 * <p>HIGH (LOW) needs all of: p below the look's level, the interval clear of 0 (of Kayenta's tolerance
 * band, a fraction of the estimate, where no allowed ratio applies), and the mean ratio beyond the allowed
 * ratio; or p below the level and the mean ratio beyond the critical ratio ({@link CriticalChange}). A HIGH
 * also needs the mean to rise beyond the absolute allowance, if the metric has one ({@link AbsoluteAllowance}).
 * Otherwise the metric passes only if the power guard says this sample could have seen the tolerated effect,
 * the larger of the two allowances.
 */
final class ShiftClassifier {

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();
    private static final double SQRT_PI_OVER_3 = Math.sqrt(Math.PI / 3);

    private ShiftClassifier() {
    }

    static Comparison classify(MetricSpec spec, double[] b, double[] c, Look look, CanaryConfig config) {
        if (ZeroBaseline.applies(b)) {
            // A shift's ratio means nothing around 0: judged on the means and the absolute allowance instead.
            return ZeroBaseline.classify(spec, b, c, look, config);
        }
        String test = TestKind.MANN_WHITNEY.label();
        String unit = spec.unit();
        double meanB = mean(b);
        double meanC = mean(c);
        double meanRatio = meanC / meanB;
        String means = "mean " + Format.value(meanC, unit) + " vs " + Format.value(meanB, unit)
                + (meanB > 0 ? " (" + Format.ratio(meanRatio) + AbsoluteAllowance.withinNote(spec, meanB, meanC) + ")"
                        : "");
        if (Arrays.equals(b, c)) {
            return new Comparison(Classification.PASS, test, 1.0, 1.0, 1.0, 1.0, "ratio", 1.0, 0.5, 1.0, null,
                    means + ", identical samples");
        }
        boolean testable = look.alpha() <= 0 || HodgesLehmann.criticalRank(b.length, c.length, look.alpha()) >= 1;
        if (b[0] == b[b.length - 1] && c[0] == c[c.length - 1] && b[0] == c[0] && testable) {
            return new Comparison(Classification.PASS, test, 1.0, 1.0, 1.0, 1.0, "ratio", 1.0, 0.5, 1.0, null,
                    means + ", every value equal");
        }
        boolean logScale = b[0] > 0 && c[0] > 0;
        double[] x = logScale ? logOf(b) : b;
        double[] y = logScale ? logOf(c) : c;
        MannWhitneyUTest.Result mw = MANN_WHITNEY.test(c, b);
        double p = mw.getPValue();
        double cles = mw.getStatistic() / ((double) b.length * c.length);
        double alpha = look.alpha();
        double shift = HodgesLehmann.estimate(x, y);
        double[] ci = alpha > 0 ? HodgesLehmann.interval(x, y, alpha)
                : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double medianB = Stats.quantile(b, 0.5);

        double estimate = logScale ? Math.exp(shift) : shift;
        double lower = logScale ? Math.exp(ci[0]) : ci[0];
        double upper = logScale ? Math.exp(ci[1]) : ci[1];
        String scale = logScale ? "ratio" : "difference";
        double effect = meanB > 0 ? meanRatio : (medianB > 0 ? (medianB + shift) / medianB : Double.NaN);
        String interval = logScale
                ? "shift " + Format.ratio(estimate) + ", interval " + Format.ratio(lower) + "-" + Format.ratio(upper)
                : "shift " + Format.value(estimate, unit) + ", interval " + Format.value(lower, unit) + " to "
                        + Format.value(upper, unit);
        String allowed = allowedText(spec, meanB);
        String evidence = means + ", " + interval + ", " + allowed + ", p=" + Format.pValue(p)
                + TieNote.of(b, c, x, y, logScale, unit, shift, p, alpha);

        // The allowed ratio already demands an effect that matters, on the mean; the band on top of it made an
        // early look's interval clear a quarter of the estimate as well, which cost the first looks most of
        // their power. Kayenta's band stays where no allowed ratio can be stated (a baseline median of 0).
        double allowedShift = allowedShift(spec, logScale, medianB, meanB);
        double band = allowedShift > 0 ? 0 : config.tolerance() * Math.abs(shift);
        boolean significant = p < alpha;
        boolean beyondAbsolute = AbsoluteAllowance.exceeded(spec, meanB, meanC);
        if (spec.direction().watchesIncrease() && significant && ci[0] > band && effect > spec.allowedIncrease()
                && beyondAbsolute) {
            return new Comparison(Classification.HIGH, test, p, estimate, lower, upper, scale, meanRatio, cles,
                    effect, null, evidence);
        }
        if (spec.direction().watchesDecrease() && significant && ci[1] < -band && effect < spec.allowedDecrease()) {
            return new Comparison(Classification.LOW, test, p, estimate, lower, upper, scale, meanRatio, cles,
                    effect, null, evidence);
        }

        Classification clear = CriticalChange.of(spec, p, alpha, ci, effect, beyondAbsolute);
        if (clear != null) {
            return new Comparison(clear, test, p, estimate, lower, upper, scale, meanRatio, cles, effect, null,
                    evidence + CriticalChange.NOTE);
        }

        // Power guard: the tolerated effect on the scale of the shift (computed above).
        if (alpha > 0 && !(Double.isFinite(ci[0]) && Double.isFinite(ci[1]))) {
            if (spec.powerOr(config.power()) <= 0) {
                // A detector only: no evidence of a change is not a reason to hold the canary back.
                return new Comparison(Classification.PASS, test, p, estimate, lower, upper, scale, meanRatio, cles,
                        effect, null, evidence + "; too few samples for Mann-Whitney to detect a change yet, and this"
                                + " metric only detects changes (power 0)");
            }
            // The samples are too small for Mann-Whitney to reach p < alpha whatever the data (2 / C(8, 4) =
            // 0.029 for 4 vs 4): no change could have been detected, so nothing can pass.
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    cles, effect, smallestGrowth(b.length, c.length, alpha), evidence
                            + "; too few samples for Mann-Whitney to detect any change at this confidence");
        }
        double se;
        if (Double.isFinite(ci[0]) && Double.isFinite(ci[1]) && alpha > 0) {
            se = (ci[1] - ci[0]) / 2 / PowerGuard.z(alpha, true);
        } else {
            // No budget for this look (alpha 0): normal-theory standard error of the shift, Mann-Whitney
            // efficiency pi/3.
            se = robustSpread(x, y) * SQRT_PI_OVER_3 * Math.sqrt(1.0 / x.length + 1.0 / y.length);
        }
        if (!(allowedShift > 0)) {
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    cles, effect, -1L, evidence + "; an allowed ratio means nothing around a baseline median of 0");
        }
        double detectable = PowerGuard.detectable(se, look, true, spec.powerOr(config.power()));
        if (spec.powerOr(config.power()) > 0 && (detectable > allowedShift || !Double.isFinite(detectable))) {
            long need = Double.isFinite(detectable)
                    ? Math.max(1, PowerGuard.needMore(c.length, detectable, allowedShift)) : -1;
            String could = logScale && Double.isFinite(detectable)
                    ? "it could only detect " + Format.ratio(Math.exp(detectable)) : "";
            String tolerated = logScale && AbsoluteAllowance.governs(spec, meanB)
                    && spec.direction() == Direction.INCREASE
                    ? AbsoluteAllowance.signed(spec.allowedAbsoluteIncrease(), unit) + ", "
                            + Format.ratio(AbsoluteAllowance.toleratedRatio(spec, meanB)) + " here" : "";
            String aside = tolerated.isEmpty() || could.isEmpty() ? tolerated + could : tolerated + "; " + could;
            return new Comparison(Classification.INCONCLUSIVE, test, p, estimate, lower, upper, scale, meanRatio,
                    cles, effect, need, evidence + "; too few samples to detect the allowed change"
                            + (aside.isEmpty() ? "" : " (" + aside + ")"));
        }
        return new Comparison(Classification.PASS, test, p, estimate, lower, upper, scale, meanRatio, cles,
                effect, null, evidence + whyPass(spec, significant, ci, effect, beyondAbsolute));
    }

    /**
     * Why a significant change passes, so that "shift 1.29x, p=8.7e-28" beside a PASS does not read as a
     * mistake: the judge holds the mean, not the median shift, against the allowances.
     */
    private static String whyPass(MetricSpec spec, boolean significant, double[] ci, double effect,
            boolean beyondAbsolute) {
        if (!significant) {
            return "";
        }
        boolean up = ci[0] > 0;
        if (up ? !spec.direction().watchesIncrease() : !spec.direction().watchesDecrease()) {
            return "; significant, but only " + (up ? "a decrease" : "an increase") + " is a regression here";
        }
        if (up && effect > spec.allowedIncrease() && !beyondAbsolute) {
            return ""; // the means already say it: "(1.11x, but +0.16 ms, within the allowed +1 ms)"
        }
        if (up ? !(effect > spec.allowedIncrease()) : !(effect < spec.allowedDecrease())) {
            return "; significant, but the mean (" + Format.ratio(effect) + ") is within the allowed "
                    + Format.ratio(up ? spec.allowedIncrease() : spec.allowedDecrease());
        }
        return "; significant, but its interval does not clear the tolerance band";
    }

    /** Samples to add to each track before the exact interval at this level is bounded (the test can reject). */
    private static long smallestGrowth(int n, int m, double alpha) {
        for (long more = 1; more < 1_000_000; more++) {
            if (HodgesLehmann.criticalRank((int) (n + more), (int) (m + more), alpha) >= 1) {
                return more;
            }
        }
        return -1;
    }

    static String allowedText(MetricSpec spec) {
        return allowedText(spec, Double.NaN);
    }

    /** "allowed 1.10x", with " and +1 ms" where the absolute allowance governs over this baseline mean. */
    static String allowedText(MetricSpec spec, double meanB) {
        String absolute = AbsoluteAllowance.text(spec, meanB);
        return switch (spec.direction()) {
            case INCREASE -> "allowed " + Format.ratio(spec.allowedIncrease()) + absolute;
            case DECREASE -> "allowed " + Format.ratio(spec.allowedDecrease());
            case EITHER -> "allowed " + Format.ratio(spec.allowedDecrease()) + "-"
                    + Format.ratio(spec.allowedIncrease()) + absolute;
        };
    }

    /**
     * The tolerated effect on the scale of the shift: the power guard's target. Upwards the larger of the allowed
     * ratio and the absolute allowance, since a HIGH needs the mean beyond both.
     */
    private static double allowedShift(MetricSpec spec, boolean logScale, double medianB, double meanB) {
        // On the linear scale a drop to 0.8x is 20% of the median, not exp(-ln 0.8) - 1 = 25% of it.
        double up = logScale ? Math.log(AbsoluteAllowance.toleratedRatio(spec, meanB))
                : Math.max(Math.abs(medianB) * (spec.allowedIncrease() - 1), spec.allowedAbsoluteIncrease());
        double down = logScale ? -Math.log(spec.allowedDecrease())
                : Math.abs(medianB) * (1 - spec.allowedDecrease());
        return switch (spec.direction()) {
            case INCREASE -> up;
            case DECREASE -> down;
            case EITHER -> Math.min(up, down);
        };
    }

    /** Pooled spread: interquartile range / 1.349 (the normal's), or the standard deviation if that is 0. */
    private static double robustSpread(double[] x, double[] y) {
        double iqr = (Stats.quantile(x, 0.75) - Stats.quantile(x, 0.25) + Stats.quantile(y, 0.75)
                - Stats.quantile(y, 0.25)) / 2;
        if (iqr > 0) {
            return iqr / 1.349;
        }
        double m = (mean(x) * x.length + mean(y) * y.length) / (x.length + y.length);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        for (double v : y) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / Math.max(1, x.length + y.length - 1));
    }

    private static double[] logOf(double[] sorted) {
        double[] out = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = Math.log(sorted[i]);
        }
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
