package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Distribution-free confidence interval for a quantile from order statistics (Conover, Practical
 * Nonparametric Statistics, 3rd ed., section 3.2): the number of observations below the true q-quantile is
 * Binomial(n, q), so {@code [X(l), X(u)]} covers it with probability P(l &lt;= B &lt; u). A bound that would need an
 * order statistic beyond the sample is infinite: the sample is too small for that confidence.
 */
public final class QuantileInterval {

    private QuantileInterval() {
    }

    /** The 1-based ranks {l, u} for a sample of n, quantile q and two-sided level alpha; 0 or n+1 = unbounded. */
    public static int[] ranks(int n, double q, double alpha) {
        BinomialDistribution b = BinomialDistribution.of(n, q);
        // l - 1 is the largest k with P(B <= k) <= alpha / 2.
        int k = b.inverseCumulativeProbability(alpha / 2);
        int lower = b.cumulativeProbability(k) <= alpha / 2 ? k + 1 : k;
        // u is the smallest k with P(B >= u) <= alpha / 2, i.e. P(B <= u - 1) >= 1 - alpha / 2.
        int upper = b.inverseCumulativeProbability(1 - alpha / 2) + 1;
        return new int[] {lower, Math.min(upper, n + 1)};
    }

    /** The interval for ascending-sorted values; infinite ends where the sample is too small. */
    public static double[] of(double[] sorted, double q, double alpha) {
        int n = sorted.length;
        int[] r = ranks(n, q, alpha);
        double lo = r[0] >= 1 ? sorted[r[0] - 1] : Double.NEGATIVE_INFINITY;
        double hi = r[1] <= n ? sorted[r[1] - 1] : Double.POSITIVE_INFINITY;
        return new double[] {lo, hi};
    }

    /** Smallest sample size whose interval at this level has both ends finite. */
    public static int minimumSize(double q, double alpha) {
        int n = 1;
        while (n < (1 << 24) && !finite(n, q, alpha)) {
            n *= 2;
        }
        int lo = n / 2;
        int hi = n;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (finite(mid, q, alpha)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean finite(int n, double q, double alpha) {
        int[] r = ranks(n, q, alpha);
        return r[0] >= 1 && r[1] <= n;
    }
}
