package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Hodges-Lehmann estimate of the shift between two samples (the median of all pairwise differences
 * {@code y[j] - x[i]}) and its distribution-free confidence interval from the Mann-Whitney statistic
 * (Hollander and Wolfe, Nonparametric Statistical Methods, 2nd ed., section 4.3). No library offers it.
 *
 * <p>The estimate and both ends of the interval are order statistics of the n*m pairwise differences, selected by
 * {@link PairwiseDifferences} in O(n + m) memory: two samples of 200,000 whole milliseconds take milliseconds.
 */
public final class HodgesLehmann {

    /** Above this size per sample the interval uses the normal approximation instead of the exact law. */
    static final int EXACT_LIMIT = 50;

    private HodgesLehmann() {
    }

    /** The shift estimate for ascending-sorted samples {@code x} (baseline) and {@code y} (canary). */
    public static double estimate(double[] x, double[] y) {
        long total = (long) x.length * y.length;
        if (total == 0) {
            return Double.NaN;
        }
        PairwiseDifferences differences = new PairwiseDifferences(x, y);
        if (total % 2 == 1) {
            return differences.kth((total + 1) / 2);
        }
        double lower = differences.kth(total / 2);
        return (lower + differences.next(lower, total / 2)) / 2.0;
    }

    /**
     * The two-sided interval with confidence at least {@code 1 - alpha}: {@code [D(c), D(nm + 1 - c)]} where
     * c is the largest integer with P(U &lt; c) &lt;= alpha / 2. When no such c exists (samples too small for this
     * confidence) the interval is infinite.
     */
    public static double[] interval(double[] x, double[] y, double alpha) {
        long c = criticalRank(x.length, y.length, alpha);
        long total = (long) x.length * y.length;
        if (c < 1) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        PairwiseDifferences differences = new PairwiseDifferences(x, y);
        return new double[] {differences.kth(c), differences.kth(total + 1 - c)};
    }

    /** Largest c with P(U &lt;= c - 1) &lt;= alpha / 2 under the null; 0 when there is none. */
    static long criticalRank(int n, int m, double alpha) {
        if (n == 0 || m == 0) {
            return 0;
        }
        if (n <= EXACT_LIMIT && m <= EXACT_LIMIT) {
            double[] cdf = MannWhitneyDistribution.cdf(n, m);
            long c = 0;
            while (c < cdf.length && cdf[(int) c] <= alpha / 2) {
                c++;
            }
            return c;
        }
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
        double nm = (double) n * m;
        double c = nm / 2 - z * Math.sqrt(nm * (n + m + 1) / 12.0);
        return Math.max(0, (long) Math.floor(c));
    }
}
