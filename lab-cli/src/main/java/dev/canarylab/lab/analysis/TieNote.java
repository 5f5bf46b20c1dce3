package dev.canarylab.lab.analysis;

/**
 * Says why a significant difference can sit beside "shift 1.00x". With tied data (whole milliseconds, per-step
 * aggregates) many pairwise differences are exactly 0, and when they straddle the middle the Hodges-Lehmann
 * estimate, the median of the differences, is exactly "no change" while the test, which counts how many
 * differences lie on each side, rejects. The estimate is right about what it measures; a reader needs the other
 * figures to see the change, so the sentence gives them.
 */
final class TieNote {

    private TieNote() {
    }

    /**
     * The clause to append to the evidence, or "" when the estimate and the test agree: when the test rejects
     * at {@code alpha} but the estimate reads as no change (exactly 0 because of ties, or a tiny shift that large
     * samples make significant).
     *
     * @param b baseline values, ascending, on their own scale
     * @param c canary values, ascending
     * @param x the values the shift is computed on (b, or its logarithm)
     * @param y likewise for c
     */
    static String of(double[] b, double[] c, double[] x, double[] y, boolean logScale, String unit, double shift,
            double p, double alpha) {
        if (!(p < alpha)) {
            return "";
        }
        String shown = logScale ? Format.ratio(Math.exp(shift)) : Format.value(shift, unit);
        boolean readsAsNoChange = logScale ? "1.00x".equals(shown) : shift == 0;
        if (!readsAsNoChange) {
            return "";
        }
        String cause = "the median shift rounds to ";
        if (shift == 0) {
            PairwiseDifferences differences = new PairwiseDifferences(x, y);
            long tied = differences.countAtMost(0.0) - differences.countAtMost(-Double.MIN_VALUE);
            cause = Format.percent((double) tied / differences.size())
                    + " of the canary-baseline pairs are equal, which holds the median shift at ";
        }
        return "; " + cause + shown + " while the mean is " + Format.ratio(ShiftClassifier.mean(c)
                / ShiftClassifier.mean(b)) + ", the p50 " + Format.ratio(quantileRatio(b, c, 0.5)) + " and the p95 "
                + Format.ratio(quantileRatio(b, c, 0.95));
    }

    private static double quantileRatio(double[] b, double[] c, double q) {
        return Stats.quantile(c, q) / Stats.quantile(b, q);
    }
}
