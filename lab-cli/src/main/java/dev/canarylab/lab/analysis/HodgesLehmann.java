package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Hodges-Lehmann estimate of the shift between two samples (the median of all pairwise differences
 * {@code y[j] - x[i]}) and its distribution-free confidence interval from the Mann-Whitney statistic
 * (Hollander and Wolfe, Nonparametric Statistical Methods, 2nd ed., section 4.3). No library offers it.
 *
 * <p>The n*m differences are never materialised: the k-th smallest is found by bisection on the value
 * with an O(n+m) count per step, then by sorting the few differences left in the final bracket. Two samples
 * of 10,000 take a few milliseconds.
 */
public final class HodgesLehmann {

    /** Above this size per sample the interval uses the normal approximation instead of the exact law. */
    static final int EXACT_LIMIT = 50;
    /** Brackets holding at most this many differences are sorted rather than narrowed further. */
    private static final int SORT_LIMIT = 2048;

    private HodgesLehmann() {
    }

    /** The shift estimate for ascending-sorted samples {@code x} (baseline) and {@code y} (canary). */
    public static double estimate(double[] x, double[] y) {
        long total = (long) x.length * y.length;
        if (total == 0) {
            return Double.NaN;
        }
        if (total % 2 == 1) {
            return kthDifference(x, y, (total + 1) / 2);
        }
        double lower = kthDifference(x, y, total / 2);
        return (lower + nextDifference(x, y, lower, total / 2)) / 2.0;
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
        return new double[] {kthDifference(x, y, c), kthDifference(x, y, total + 1 - c)};
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

    /**
     * The k-th smallest (1-based) of the differences {@code y[j] - x[i]} of two ascending-sorted arrays.
     * Each round counts the differences at or below a pivot in O(n + m); the pivot is the matching quantile
     * of a small sample of the differences still in the bracket (as in Monahan's algorithm), so a handful of
     * rounds narrow the bracket to about n + m differences, which are then sorted.
     */
    static double kthDifference(double[] x, double[] y, long k) {
        int n = x.length;
        int m = y.length;
        // Start from values certainly below and at/above every difference, as the count computes them.
        double min = y[0] - x[n - 1];
        double lo = min - Math.max(1, Math.abs(min));
        double max = y[m - 1] - x[0];
        double hi = max + Math.max(1, Math.abs(max));
        // Adding at least 1 keeps these strictly outside every difference despite rounding.
        long countLo = 0;
        long countHi = (long) n * m;
        // Fixed seed: the same input always gives the same answer, whatever the pivots.
        java.util.SplittableRandom random = new java.util.SplittableRandom(k * 31 + n * 17L + m);
        for (int round = 0; round < 100 && countHi - countLo > SORT_LIMIT; round++) {
            double[] pivots = samplePivots(x, y, lo, hi, (double) (k - countLo) / (countHi - countLo), random,
                    round == 0);
            boolean moved = false;
            for (double pivot : pivots) {
                if (pivot > lo && pivot < hi) {
                    long c = countAtMost(x, y, pivot);
                    if (c >= k) {
                        hi = pivot;
                        countHi = c;
                    } else {
                        lo = pivot;
                        countLo = c;
                    }
                    moved = true;
                }
            }
            if (!moved) {
                // All sampled differences sit on the bracket's ends: fall back to bisection.
                double mid = lo + (hi - lo) / 2;
                if (mid <= lo || mid >= hi) {
                    return hi;
                }
                long c = countAtMost(x, y, mid);
                if (c >= k) {
                    hi = mid;
                    countHi = c;
                } else {
                    lo = mid;
                    countLo = c;
                }
            }
        }
        double[] bracket = differencesBetween(x, y, lo, hi, (int) (countHi - countLo));
        Arrays.sort(bracket);
        int index = (int) (k - countLo - 1);
        return index < bracket.length ? bracket[index] : hi;
    }

    /**
     * Two pivots around the target rank: quantiles of a uniform sample of the differences in (lo, hi], two
     * sampling standard errors either side of the target fraction. Most rounds they bracket the k-th difference
     * and shrink the bracket about fourfold.
     */
    private static double[] samplePivots(double[] x, double[] y, double lo, double hi, double fraction,
            java.util.SplittableRandom random, boolean whole) {
        int m = y.length;
        int size = 256;
        double[] sample = new double[size];
        if (whole) {
            // The bracket still holds every pair: sample pairs directly, no pass over the data needed.
            for (int s = 0; s < size; s++) {
                sample[s] = y[random.nextInt(m)] - x[random.nextInt(x.length)];
            }
            return pivotsFrom(sample, fraction);
        }
        long[] cumulative = new long[m + 1];
        int[] first = new int[m];
        int fromHi = 0;
        int fromLo = 0;
        for (int j = 0; j < m; j++) {
            while (fromHi < x.length && x[fromHi] < y[j] - hi) {
                fromHi++;
            }
            while (fromLo < x.length && x[fromLo] < y[j] - lo) {
                fromLo++;
            }
            first[j] = fromHi;
            cumulative[j + 1] = cumulative[j] + (fromLo - fromHi);
        }
        if (cumulative[m] == 0) {
            return new double[0];
        }
        for (int s = 0; s < size; s++) {
            long r = random.nextLong(cumulative[m]);
            int j = upperRow(cumulative, r);
            sample[s] = y[j] - x[first[j] + (int) (r - cumulative[j])];
        }
        return pivotsFrom(sample, fraction);
    }

    private static double[] pivotsFrom(double[] sample, double fraction) {
        int size = sample.length;
        Arrays.sort(sample);
        double margin = 2 * Math.sqrt(fraction * (1 - fraction) / size) + 1.0 / size;
        int below = (int) Math.floor((fraction - margin) * size);
        int above = (int) Math.ceil((fraction + margin) * size);
        List<Double> pivots = new java.util.ArrayList<>(2);
        if (below >= 0) {
            pivots.add(sample[below]);
        }
        if (above < size) {
            pivots.add(sample[above]);
        }
        return pivots.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The row j with cumulative[j] &lt;= r &lt; cumulative[j + 1]. */
    private static int upperRow(long[] cumulative, long r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= r) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The (k+1)-th smallest difference, given that {@code kth} is the k-th. */
    static double nextDifference(double[] x, double[] y, double kth, long k) {
        if (countAtMost(x, y, kth) > k) {
            return kth;
        }
        // The smallest difference above kth: for each y[j], the largest x[i] with y[j] - x[i] > kth.
        double next = Double.POSITIVE_INFINITY;
        int first = 0;
        for (double yj : y) {
            double threshold = yj - kth;
            while (first < x.length && x[first] < threshold) {
                first++;
            }
            if (first > 0) {
                next = Math.min(next, yj - x[first - 1]);
            }
        }
        return next;
    }

    /** Number of pairs with {@code y[j] - x[i] <= v}, counted as {@code x[i] >= y[j] - v}. */
    static long countAtMost(double[] x, double[] y, double v) {
        int n = x.length;
        long count = 0;
        // For growing y[j], the x[i] >= y[j] - v form a shrinking suffix: the pointer only moves right.
        int first = 0;
        for (double yj : y) {
            double threshold = yj - v;
            while (first < n && x[first] < threshold) {
                first++;
            }
            count += n - first;
        }
        return count;
    }

    /** The differences counted at {@code hi} but not at {@code lo}, with the same comparisons as the count. */
    private static double[] differencesBetween(double[] x, double[] y, double lo, double hi, int size) {
        double[] out = new double[size];
        int k = 0;
        int fromHi = 0;
        int fromLo = 0;
        for (double yj : y) {
            while (fromHi < x.length && x[fromHi] < yj - hi) {
                fromHi++;
            }
            while (fromLo < x.length && x[fromLo] < yj - lo) {
                fromLo++;
            }
            for (int i = fromHi; i < fromLo && k < size; i++) {
                out[k++] = yj - x[i];
            }
        }
        return k == size ? out : Arrays.copyOf(out, k);
    }
}
