package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Summary of one track's samples. Quantiles use the linear method (Hyndman-Fan type 7, the default of
 * R and NumPy) so that people can reproduce them. For error counts, mean is the error ratio.
 */
public record Stats(long count, double mean, double p50, double p95, double p99, double min, double max,
        long errors) {

    private static final Quantile QUANTILE = Quantile.withDefaults()
            .with(Quantile.EstimationMethod.HF7).withCopy(false);

    public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 0);

    /** Stats of ascending-sorted values without NaN. */
    public static Stats ofSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return EMPTY;
        }
        double[] q = QUANTILE.evaluate(n, i -> sorted[i], 0.50, 0.95, 0.99);
        return new Stats(n, Mean.of(sorted).getAsDouble(), q[0], q[1], q[2], sorted[0], sorted[n - 1], 0);
    }

    public static Stats ofCounts(long total, long errors) {
        double ratio = total == 0 ? Double.NaN : (double) errors / total;
        return new Stats(total, ratio, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, errors);
    }

    /** Quantile {@code p} of ascending-sorted values (type 7). */
    public static double quantile(double[] sorted, double p) {
        return QUANTILE.evaluate(sorted.length, i -> sorted[i], p);
    }
}
