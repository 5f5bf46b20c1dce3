package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Hodges-Lehmann estimate of the shift between two samples (the median of all pairwise differences
 * {@code y[j] - x[i]}) and its confidence interval from the Mann-Whitney statistic, computed as R's
 * {@code wilcox.test(y, x, conf.int = TRUE)} does, so that the interval and the test never contradict each other.
 * No library offers it.
 *
 * <ul>
 *   <li>Small samples without ties (both under 50 values, the rule of R and of Commons Statistics'
 *       {@code MannWhitneyUTest}): the exact interval {@code [D(c), D(nm + 1 - c)]} (Hollander and Wolfe,
 *       Nonparametric Statistical Methods, 2nd ed., section 4.3).</li>
 *   <li>Otherwise (ties: whole milliseconds, per-step aggregates; or large samples): the shifts d at which the
 *       tie-corrected, continuity-corrected normal statistic of {@code y - d} against {@code x}
 *       ({@link MannWhitneyShift}) crosses +-z, R's root search. The statistic only changes at pairwise
 *       differences, so each end is the difference of a rank known in advance, and the root search becomes one
 *       selection. When the test still rejects at that very difference (a long run of tied differences, such as
 *       the zero differences of equal whole milliseconds), the end is open: the next double inwards is returned,
 *       so "the interval excludes 0" is exactly "the test rejects no change". When the test rejects every
 *       shift (a run of tied differences rejected from both sides), the interval is the next double on the side
 *       the test points to.</li>
 * </ul>
 *
 * <p>The estimate is the median of the differences in both cases: R's estimate in the tied case is the root of
 * the uncorrected statistic, and since that statistic changes sign where half the differences lie on either side,
 * it is the same point (up to R's root tolerance). Ties can therefore put it on a tied difference, often exactly
 * 0; {@link TieNote} explains that in the sentence. Every order statistic is selected by {@link PairwiseDifferences}
 * in O(n + m) memory: two samples of 200,000 whole milliseconds take milliseconds. Reference values:
 * {@code src/test/resources/reference/wilcox_shift.py}.
 */
public final class HodgesLehmann {

    /** From this size of either sample on, the interval uses the normal approximation (as R and Commons do). */
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
     * The two-sided interval at confidence {@code 1 - alpha} for ascending-sorted samples. Infinite when the
     * samples are too small for the test ever to reject at this level.
     */
    public static double[] interval(double[] x, double[] y, double alpha) {
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return unbounded();
        }
        long total = (long) n * m;
        PairwiseDifferences differences = new PairwiseDifferences(x, y);
        if (exact(n, m) && !MannWhitneyShift.hasTies(x, y)) {
            long c = exactRank(n, m, alpha);
            return c < 1 ? unbounded() : new double[] {differences.kth(c), differences.kth(total + 1 - c)};
        }
        MannWhitneyShift statistic = new MannWhitneyShift(x, y);
        double z = z(alpha);
        double reach = z * statistic.sigmaBetweenDifferences();
        // Lower end: the first difference D(k) past which the statistic is at most z, i.e. the smallest k with
        // nm/2 - k - 1/2 <= z sigma. Upper end: the first past which it is below -z, nm/2 - k + 1/2 < -z sigma.
        long lowerRank = (long) Math.ceil(total / 2.0 - 0.5 - reach);
        long upperRank = (long) Math.floor(total / 2.0 + 0.5 + reach) + 1;
        if (lowerRank < 1 || upperRank > total) {
            return unbounded();
        }
        double lower = differences.kth(lowerRank);
        double upper = differences.kth(upperRank);
        double atLower = statistic.at(lower);
        double[] ci = {atLower > z ? Math.nextUp(lower) : lower,
            statistic.at(upper) < -z ? Math.nextDown(upper) : upper};
        if (ci[0] > ci[1]) {
            // Both ends on one run of tied differences that the test rejects as well: no shift fits the data (two
            // or three distinct values a track). The interval is the double next to it on the side the test
            // points to, so it still excludes 0 exactly when the test rejects, and in the test's direction.
            double side = atLower > z ? Math.nextUp(lower) : Math.nextDown(lower);
            return new double[] {side, side};
        }
        return ci;
    }

    /**
     * For data without ties: the rank c of the interval {@code [D(c), D(nm + 1 - c)]}, 0 when the test can never
     * reject at this level (then the interval is infinite whatever the data).
     */
    static long criticalRank(int n, int m, double alpha) {
        if (n == 0 || m == 0) {
            return 0;
        }
        if (exact(n, m)) {
            return exactRank(n, m, alpha);
        }
        double nm = (double) n * m;
        double c = Math.ceil(nm / 2 - 0.5 - z(alpha) * Math.sqrt(nm * (n + m + 1) / 12.0));
        return Math.max(0, (long) c);
    }

    private static boolean exact(int n, int m) {
        return n < EXACT_LIMIT && m < EXACT_LIMIT;
    }

    /** Largest c with P(U &lt;= c - 1) &lt;= alpha / 2 under the null; 0 when there is none. */
    private static long exactRank(int n, int m, double alpha) {
        double[] cdf = MannWhitneyDistribution.cdf(n, m);
        long c = 0;
        while (c < cdf.length && cdf[(int) c] <= alpha / 2) {
            c++;
        }
        return c;
    }

    private static double z(double alpha) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
    }

    private static double[] unbounded() {
        return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
}
