package dev.canarylab.lab.analysis;

/**
 * The normal-approximation Mann-Whitney statistic of {@code y - d} against {@code x} as a function of the shift d,
 * with mid-ranks for ties, the tie-corrected variance and the continuity correction: R's {@code W(d)} in
 * {@code stats:::wilcox.test.default} (two-sample, {@code correct = TRUE}). At d = 0 it is the statistic whose
 * two-sided p-value Commons Statistics' {@code MannWhitneyUTest} reports when it does not use the exact law.
 *
 * <p>Between pairwise differences no value of {@code y - d} ties with one of {@code x}, so the statistic only
 * depends on how many differences lie above d and on the ties within each sample: that is what lets
 * {@link HodgesLehmann} invert it by rank instead of by a root search. At a pairwise difference the two samples
 * tie, and {@link #at(double)} counts those ties exactly as the test does. O(n + m) time, no extra memory.
 */
final class MannWhitneyShift {

    private final double[] x;
    private final double[] y;
    private final double withinTies;

    /** Both arrays ascending and finite. */
    MannWhitneyShift(double[] x, double[] y) {
        this.x = x;
        this.y = y;
        this.withinTies = tieSum(x) + tieSum(y);
    }

    /** Whether the pooled sample has a tie (then neither R nor Commons Statistics uses the exact law). */
    static boolean hasTies(double[] x, double[] y) {
        if (tieSum(x) > 0 || tieSum(y) > 0) {
            return true;
        }
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                return true;
            }
            if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** Standard deviation of U off the pairwise differences, where only ties within a sample remain. */
    double sigmaBetweenDifferences() {
        return sigma(withinTies);
    }

    /** The continuity-corrected statistic when exactly {@code atMost} differences lie at or below d (none at d). */
    double between(long atMost) {
        double dz = (double) x.length * y.length / 2 - atMost;
        return (dz - Math.signum(dz) * 0.5) / sigmaBetweenDifferences();
    }

    /** The statistic at shift d: U of {@code y - d} against {@code x} with ties counted one half. */
    double at(double d) {
        int n = x.length;
        double greater = 0;
        double ties = 0;
        // Walk y - d and x together, one group of equal values at a time.
        int i = 0;
        int j = 0;
        while (i < n || j < y.length) {
            double v = j == y.length || (i < n && x[i] < y[j] - d) ? x[i] : y[j] - d;
            int fromX = 0;
            while (i < n && x[i] == v) {
                fromX++;
                i++;
            }
            int fromY = 0;
            while (j < y.length && y[j] - d == v) {
                fromY++;
                j++;
            }
            // x[0..i) are all at or below v: the fromY values of y beat the i - fromX smaller ones, tie fromX.
            greater += (double) fromY * (i - fromX) + 0.5 * fromY * fromX;
            long t = fromX + fromY;
            ties += (double) t * t * t - t;
        }
        double dz = greater - (double) n * y.length / 2;
        double sigma = sigma(ties);
        if (!(sigma > 0)) {
            // Every value tied at this shift: no evidence either way.
            return 0;
        }
        return (dz - Math.signum(dz) * 0.5) / sigma;
    }

    private double sigma(double ties) {
        double n = x.length;
        double m = y.length;
        double total = n + m;
        return Math.sqrt(n * m / 12 * ((total + 1) - ties / (total * (total - 1))));
    }

    /** Sum of t^3 - t over the runs of equal values of an ascending array. */
    private static double tieSum(double[] sorted) {
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int start = i;
            while (i < sorted.length && sorted[i] == sorted[start]) {
                i++;
            }
            double t = i - start;
            sum += t * t * t - t;
        }
        return sum;
    }
}
