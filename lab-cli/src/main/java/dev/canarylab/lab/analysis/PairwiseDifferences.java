package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Order statistics of the n*m differences {@code y[j] - x[i]} of two ascending-sorted samples, found without
 * materialising them: O(n + m) memory and expected O((n + m) log(nm)) time, whatever the ties.
 *
 * <p>This is Monahan's selection (Monahan, "Fast computation of the Hodges-Lehmann location estimator", ACM TOMS
 * 10, 1984), for X + Y instead of Walsh averages: the differences still in play form, per {@code y[j]}, a range of
 * x indices (each row of the difference matrix is sorted), counting the differences below a pivot is a monotone
 * two-pointer walk, and pivots are drawn at random from the differences still in play. Every pivot lies strictly
 * inside the bracket, so every round removes it and everything on its wrong side; a pivot that equals the
 * wanted difference ends the search at once, which is what makes heavily tied data (whole milliseconds) fast
 * instead of endless.
 *
 * <p>Differences are compared as computed ({@code y[j] - x[i]} in double arithmetic), which is monotone in both
 * arguments, so the result is exactly the element a sort of all differences would give.
 */
final class PairwiseDifferences {

    /** Brackets holding at most this many differences are sorted rather than narrowed further. */
    private static final int SORT_LIMIT = 4096;
    /** Differences sampled per round to place the pivots. */
    private static final int SAMPLE = 256;

    private final double[] x;
    private final double[] y;

    /** Both arrays ascending, finite, and not empty. */
    PairwiseDifferences(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    long size() {
        return (long) x.length * y.length;
    }

    /** The k-th smallest difference, 1-based. */
    double kth(long k) {
        int n = x.length;
        int m = y.length;
        // The bracket: per row j, the x indices [start[j], end[j]) whose differences lie strictly between lo and hi.
        int[] start = new int[m];
        int[] end = new int[m];
        Arrays.fill(end, n);
        int[] lessScratch = new int[m];
        int[] atMostScratch = new int[m];
        long[] cumulative = new long[m + 1];
        long below = 0;
        long belowHi = size();
        double lo = Double.NaN;
        double hi = Double.NaN;
        // A fixed seed: the same input always takes the same path (and gives the same answer in any case).
        SplittableRandom random = new SplittableRandom(k * 31 + n * 17L + m);
        while (belowHi - below > SORT_LIMIT) {
            double target = (double) (k - below) / (belowHi - below);
            for (double pivot : pivots(start, end, cumulative, target, random)) {
                boolean inside = (Double.isNaN(lo) || pivot > lo) && (Double.isNaN(hi) || pivot < hi);
                if (!inside) {
                    continue;
                }
                long[] counts = countAround(pivot, start, end, lessScratch, atMostScratch);
                long less = counts[0];
                long atMost = counts[1];
                if (less < k && k <= atMost) {
                    return pivot;
                }
                int[] spare;
                if (atMost < k) {
                    lo = pivot;
                    below = atMost;
                    spare = end;
                    end = atMostScratch;
                    atMostScratch = spare;
                } else {
                    hi = pivot;
                    belowHi = less;
                    spare = start;
                    start = lessScratch;
                    lessScratch = spare;
                }
            }
        }
        double[] bracket = new double[(int) (belowHi - below)];
        int size = 0;
        for (int j = 0; j < m; j++) {
            for (int i = start[j]; i < end[j]; i++) {
                bracket[size++] = y[j] - x[i];
            }
        }
        Arrays.sort(bracket);
        return bracket[(int) (k - below - 1)];
    }

    /** The (k+1)-th smallest difference, given that {@code kth} is the k-th. */
    double next(double kth, long k) {
        if (countAtMost(kth) > k) {
            return kth;
        }
        // Per row, the last x index whose difference is still above kth holds the row's smallest such difference.
        double next = Double.POSITIVE_INFINITY;
        int first = 0;
        for (double yj : y) {
            while (first < x.length && yj - x[first] > kth) {
                first++;
            }
            if (first > 0) {
                next = Math.min(next, yj - x[first - 1]);
            }
        }
        return next;
    }

    /** Number of differences at or below {@code v}. */
    long countAtMost(double v) {
        long count = 0;
        // Row j's differences fall as i grows, and rise with j: the first i at or below v only moves right.
        int first = 0;
        for (double yj : y) {
            while (first < x.length && yj - x[first] > v) {
                first++;
            }
            count += x.length - first;
        }
        return count;
    }

    /**
     * Numbers of differences below {@code pivot} and at or below it, recording per row the first x index counted
     * by each. The pivot lies inside the bracket, so each row's answers lie in [start, end].
     */
    private long[] countAround(double pivot, int[] start, int[] end, int[] less, int[] atMost) {
        int n = x.length;
        long countLess = 0;
        long countAtMost = 0;
        int firstAtMost = 0;
        int firstLess = 0;
        for (int j = 0; j < y.length; j++) {
            double yj = y[j];
            int stop = end[j];
            firstAtMost = Math.max(firstAtMost, start[j]);
            while (firstAtMost < stop && yj - x[firstAtMost] > pivot) {
                firstAtMost++;
            }
            firstLess = Math.max(firstLess, firstAtMost);
            while (firstLess < stop && yj - x[firstLess] >= pivot) {
                firstLess++;
            }
            atMost[j] = firstAtMost;
            less[j] = firstLess;
            countAtMost += n - firstAtMost;
            countLess += n - firstLess;
        }
        return new long[] {countLess, countAtMost};
    }

    /**
     * Up to two pivots drawn from the differences in the bracket, ascending: the sample's quantiles two standard
     * errors either side of where the wanted difference sits, so that most rounds they fall either side of it and
     * shrink the bracket several-fold.
     */
    private double[] pivots(int[] start, int[] end, long[] cumulative, double target, SplittableRandom random) {
        int m = y.length;
        for (int j = 0; j < m; j++) {
            cumulative[j + 1] = cumulative[j] + (end[j] - start[j]);
        }
        double[] sample = new double[SAMPLE];
        for (int s = 0; s < SAMPLE; s++) {
            long r = random.nextLong(cumulative[m]);
            int j = row(cumulative, r);
            sample[s] = y[j] - x[start[j] + (int) (r - cumulative[j])];
        }
        Arrays.sort(sample);
        double margin = 2 * Math.sqrt(target * (1 - target) / SAMPLE) + 1.0 / SAMPLE;
        int lower = Math.max(0, (int) Math.floor((target - margin) * SAMPLE));
        int upper = Math.min(SAMPLE - 1, (int) Math.ceil((target + margin) * SAMPLE));
        return lower == upper ? new double[] {sample[lower]} : new double[] {sample[lower], sample[upper]};
    }

    /** The row j with cumulative[j] &lt;= r &lt; cumulative[j + 1]. */
    private static int row(long[] cumulative, long r) {
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
}
