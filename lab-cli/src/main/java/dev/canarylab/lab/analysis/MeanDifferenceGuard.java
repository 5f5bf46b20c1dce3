package dev.canarylab.lab.analysis;

/**
 * The power guard of {@link ZeroBaseline}: the smallest change in the mean (canary minus baseline, in the metric's
 * unit) that a look could detect, to compare with the absolute allowance.
 *
 * <p>An effect is detectable when it is {@code zSum = z(budget / 2) + z(power)} standard errors of the difference
 * of the means, {@code sqrt(vB / nB + vC / nC)}. Around 0 the sample variances alone would let two samples of
 * zeros "detect" anything (their variance is 0), so each variance is at least the mean, as for counts (Poisson):
 * a canary whose mean rose by d from the baseline's mean mB has a variance of at least mB + d. The detectable
 * increase is then the larger of the plug-in {@code zSum sqrt(vB / nB + vC / nC)} and the root of
 * {@code d^2 = zSum^2 (vB / nB + (mB + d) / nC)}. For n zeros on each side that is zSum^2 / n: 10 / n at a budget
 * of 0.02 and power 0.8, so 21 samples a side before an allowance of +0.5 can pass.
 */
final class MeanDifferenceGuard {

    private final double meanB;
    private final double varB;
    private final double varC;
    private final long nB;
    private final long nC;

    private MeanDifferenceGuard(double meanB, double varB, long nB, double varC, long nC) {
        this.meanB = meanB;
        this.varB = varB;
        this.nB = nB;
        this.varC = varC;
        this.nC = nC;
    }

    static MeanDifferenceGuard of(double[] b, double[] c) {
        double mb = ShiftClassifier.mean(b);
        return new MeanDifferenceGuard(mb, Math.max(variance(b), mb), b.length, variance(c), c.length);
    }

    /** Smallest increase of the canary's mean detected with the power behind {@code zSum}. */
    double up(double zSum) {
        double fixed = varB / nB;
        double plugIn = zSum * Math.sqrt(fixed + varC / nC);
        double k = zSum * zSum / nC;
        double counts = (k + Math.sqrt(k * k + 4 * zSum * zSum * (fixed + meanB / nC))) / 2;
        return Math.max(plugIn, counts);
    }

    /** Smallest decrease of the canary's mean detected; a lower canary keeps at least the baseline's spread. */
    double down(double zSum) {
        return zSum * Math.sqrt(varB / nB + Math.max(varC, meanB) / nC);
    }

    /** Per-track samples to add (same means and spreads) before {@code allowed} is detectable; -1 if never. */
    long needMore(double zSum, double allowed, boolean increase) {
        long low = 0;
        long high = 1;
        while (detectable(zSum, high, increase) > allowed) {
            low = high;
            high *= 2;
            if (high > 1L << 40) {
                return -1;
            }
        }
        while (high - low > 1) {
            long mid = (low + high) >>> 1;
            if (detectable(zSum, mid, increase) > allowed) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    private double detectable(double zSum, long more, boolean increase) {
        MeanDifferenceGuard grown = new MeanDifferenceGuard(meanB, varB, nB + more, varC, nC + more);
        return increase ? grown.up(zSum) : grown.down(zSum);
    }

    /** Sample variance (n - 1), 0 for a single value. */
    static double variance(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = ShiftClassifier.mean(v);
        double ss = 0;
        for (double d : v) {
            ss += (d - m) * (d - m);
        }
        return ss / (v.length - 1);
    }
}
