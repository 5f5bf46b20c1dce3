package dev.canarylab.lab.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact null distribution of the Mann-Whitney U statistic without ties, needed for the Hodges-Lehmann
 * interval of small samples (Commons Statistics computes exact p-values but does not expose the law).
 * Counts come from the Gaussian binomial recursion [N, k] = [N-1, k-1] + q^k [N-1, k], in which every term
 * is a sum of positive numbers, so doubles stay accurate.
 */
final class MannWhitneyDistribution {

    private static final Map<Long, double[]> CACHE = new ConcurrentHashMap<>();

    private MannWhitneyDistribution() {
    }

    /** P(U &lt;= u) for u = 0..n*m, for samples of sizes n and m. */
    static double[] cdf(int n, int m) {
        int a = Math.min(n, m);
        int b = Math.max(n, m);
        return CACHE.computeIfAbsent(((long) a << 32) | b, key -> compute(a, b)).clone();
    }

    private static double[] compute(int n, int m) {
        // poly[k] holds the coefficients of [N, k] as N grows from 0 to n + m, for k <= n and N - k <= m.
        double[][] poly = new double[n + 1][];
        poly[0] = new double[] {1.0};
        for (int total = 1; total <= n + m; total++) {
            for (int k = Math.min(n, total); k >= Math.max(0, total - m); k--) {
                double[] withK = k <= total - 1 && total - 1 - k <= m ? poly[k] : null;
                double[] withoutK = k >= 1 ? poly[k - 1] : null;
                int degree = k * (total - k);
                double[] next = new double[degree + 1];
                if (withoutK != null && total - k <= m) {
                    System.arraycopy(withoutK, 0, next, 0, Math.min(withoutK.length, next.length));
                }
                if (withK != null) {
                    for (int d = 0; d < withK.length && d + k <= degree; d++) {
                        next[d + k] += withK[d];
                    }
                }
                poly[k] = next;
            }
        }
        double[] counts = poly[n];
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        double[] cdf = new double[counts.length];
        double running = 0;
        for (int u = 0; u < counts.length; u++) {
            running += counts[u];
            cdf[u] = running / sum;
        }
        return cdf;
    }
}
