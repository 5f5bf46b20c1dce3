package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * How many of the canary's values lie above the baseline's own q-quantile, and how surprising that count is.
 *
 * <p>Mood's test splits at the pooled quantile, so when a third of the canary moves far up (the slow-release demo)
 * the pooled p99 sits inside the canary's moved part and a handful of values exceed it: no evidence. Counting
 * against the baseline's quantile sees the whole moved third at once.
 *
 * <p>The threshold is an order statistic of the baseline, X(j) with j = ceil(1 + (n - 1) q), the first at or
 * above its type-7 quantile, so it is the r-th largest, r = n - j + 1. Under the null (the n + m values
 * exchangeable, no ties) the count K of the m canary values above it has a law free of the latencies
 * (Gumbel and von Schelling's exceedance law, a negative hypergeometric):
 * {@code P(K = k) = C(r-1+k, k) C(n-r+m-k, m-k) / C(n+m, m)}. K is at least k exactly when at least k of the
 * k + r - 1 largest pooled values are the canary's, a hypergeometric tail, which is how it is computed here.
 *
 * <p>Ties (whole milliseconds) and histogram buckets: only canary values surely above the threshold count for an
 * increase (a tie, or a value in the threshold's bucket, does not), and every value possibly at or above it
 * counts for a decrease. Breaking ties at random would give the exact law; these counts are never on the
 * alarming side of it, so the p-value stays valid, conservatively.
 *
 * @param rank      r: the threshold is the baseline's r-th largest value
 * @param threshold that value
 * @param above     canary values surely above it
 * @param atOrAbove canary values possibly at or above it
 * @param expected  the share of canary values above it expected under the null, r / (n + 1)
 */
record TailExceedance(int rank, double threshold, int above, int atOrAbove, int canarySize, double expected,
        double pValue) {

    /**
     * @param b       the baseline, sorted ascending
     * @param c       the canary, sorted ascending
     * @param boundsB the baseline's histogram bounds when its values were rebuilt from buckets, else null
     * @param boundsC the same for the canary
     */
    static TailExceedance test(Direction direction, double[] b, double[] c, double q, double[] boundsB,
            double[] boundsC) {
        int n = b.length;
        int m = c.length;
        int j = (int) Math.min(n, Math.max(1, Math.ceil(1 + (n - 1) * q)));
        int r = n - j + 1;
        double threshold = b[j - 1];
        double[] t = QuantileClassifier.toBuckets(new double[] {threshold, threshold}, boundsB);
        double highestT = boundsB == null ? threshold : t[1];
        double lowestT = boundsB == null ? threshold : t[0];
        int above = 0;
        int atOrAbove = 0;
        for (double v : c) {
            double[] cb = QuantileClassifier.toBuckets(new double[] {v, v}, boundsC);
            // A rebuilt value stands for any latency in its bucket (lower end excluded, upper end included).
            boolean surelyAbove = boundsC == null ? v > highestT : cb[0] >= highestT;
            double highestC = boundsC == null ? v : cb[1];
            boolean surelyBelow = boundsB == null ? highestC < threshold : highestC <= lowestT;
            above += surelyAbove ? 1 : 0;
            atOrAbove += surelyBelow ? 0 : 1;
        }
        double p = switch (direction) {
            case INCREASE -> upper(n, m, r, above);
            case DECREASE -> lower(n, m, r, atOrAbove);
            case EITHER -> Math.min(1, 2 * Math.min(upper(n, m, r, above), lower(n, m, r, atOrAbove)));
        };
        return new TailExceedance(r, threshold, above, atOrAbove, m, r / (n + 1.0), p);
    }

    /** P(K >= k): at least k canary values among the k + r - 1 largest of the n + m. */
    static double upper(int n, int m, int r, int k) {
        if (k <= 0) {
            return 1;
        }
        return HypergeometricDistribution.of(n + m, m, k + r - 1).survivalProbability(k - 1);
    }

    /** P(K <= k): at most k canary values among the k + r largest. */
    static double lower(int n, int m, int r, int k) {
        if (k >= m) {
            return 1;
        }
        return HypergeometricDistribution.of(n + m, m, k + r).cumulativeProbability(k);
    }

    /** The share of canary values above the threshold. */
    double share() {
        return (double) above / canarySize;
    }
}
