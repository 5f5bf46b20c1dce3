package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Score intervals for proportions, which behave with zero counts where the Wald interval collapses:
 * Wilson's interval for one proportion and Newcombe's hybrid score interval for a difference of two
 * (Newcombe, Statistics in Medicine 17:873-890, 1998, method 10).
 */
public final class ProportionInterval {

    private ProportionInterval() {
    }

    /** Wilson score interval for {@code k} successes in {@code n} trials. */
    public static double[] wilson(long k, long n, double alpha) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = z(alpha);
        double p = (double) k / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Newcombe's interval for p1 - p2, with p1 = k1/n1 and p2 = k2/n2. */
    public static double[] difference(long k1, long n1, long k2, long n2, double alpha) {
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double[] w1 = wilson(k1, n1, alpha);
        double[] w2 = wilson(k2, n2, alpha);
        double d = p1 - p2;
        double lower = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double upper = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[] {lower, upper};
    }

    private static double z(double alpha) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
