package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HodgesLehmannTest {

    // Reference samples: the numbers below were computed independently in Python by enumerating all 63
    // pairwise differences and, for the exact law of U, all C(16, 7) = 11440 rank arrangements.
    private static final double[] X = sorted(12.1, 14.3, 11.8, 13.5, 15.2, 12.9, 13.8);
    private static final double[] Y = sorted(14.9, 16.2, 13.1, 17.4, 15.8, 16.9, 14.4, 18.1, 15.5);

    @Test
    void estimateIsTheMedianOfAllPairwiseDifferences() {
        // numpy.median of the 63 differences: 2.6
        assertThat(HodgesLehmann.estimate(X, Y)).isCloseTo(2.6, within(1e-12));
    }

    @Test
    void exactIntervalMatchesEnumeration() {
        // Enumeration: c = 13 at alpha 0.05 -> [D(13), D(51)] = [0.9, 4.0]; c = 16 at 0.10 -> [1.1, 3.8];
        // c = 10 at 0.02 -> [0.6, 4.4].
        assertThat(HodgesLehmann.criticalRank(7, 9, 0.05)).isEqualTo(13);
        assertThat(HodgesLehmann.interval(X, Y, 0.05)).containsExactly(new double[] {0.9, 4.0}, within(1e-12));
        assertThat(HodgesLehmann.interval(X, Y, 0.10)).containsExactly(new double[] {1.1, 3.8}, within(1e-12));
        assertThat(HodgesLehmann.interval(X, Y, 0.02)).containsExactly(new double[] {0.6, 4.4}, within(1e-12));
    }

    @Test
    void exactNullDistributionMatchesEnumeration() {
        // P(U <= u) for n = 4, m = 5 from enumerating the C(9, 4) = 126 arrangements: 1/126, 2/126, 4/126, ...
        double[] cdf = MannWhitneyDistribution.cdf(4, 5);
        assertThat(cdf).startsWith(new double[] {0.0079365079, 0.0158730159, 0.0317460317, 0.0555555556,
            0.0952380952, 0.1428571429}, within(1e-9));
        assertThat(cdf[cdf.length - 1]).isCloseTo(1.0, within(1e-12));
        // n = 7, m = 9: P(U <= 9) = 94/11440 = 0.008216783216783216
        assertThat(MannWhitneyDistribution.cdf(7, 9)[9]).isCloseTo(0.008216783216783216, within(1e-15));
        assertThat(MannWhitneyDistribution.cdf(9, 7)[9]).isCloseTo(0.008216783216783216, within(1e-15));
    }

    @Test
    void samplesTooSmallForTheConfidenceGiveAnInfiniteInterval() {
        // With 2 and 2 values, the smallest attainable two-sided level is 2 / C(4, 2) = 1/3.
        double[] ci = HodgesLehmann.interval(sorted(1, 2), sorted(3, 4), 0.05);
        assertThat(ci[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ci[1]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void selectionAgreesWithBruteForceOnTiesAndLargeSamples() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 20; round++) {
            int n = 1 + random.nextInt(300);
            int m = 1 + random.nextInt(300);
            double[] x = new double[n];
            double[] y = new double[m];
            // Rounded values: many ties, as with integer byte counts or millisecond latencies.
            for (int i = 0; i < n; i++) {
                x[i] = Math.round(random.nextGaussian() * 5);
            }
            for (int j = 0; j < m; j++) {
                y[j] = Math.round(random.nextGaussian() * 5 + 1);
            }
            Arrays.sort(x);
            Arrays.sort(y);
            double[] all = new double[n * m];
            int k = 0;
            for (double xi : x) {
                for (double yj : y) {
                    all[k++] = yj - xi;
                }
            }
            Arrays.sort(all);
            for (long rank : new long[] {1, all.length, (all.length + 1) / 2, 1 + random.nextInt(all.length)}) {
                assertThat(HodgesLehmann.kthDifference(x, y, rank)).isEqualTo(all[(int) rank - 1]);
            }
            double median = all.length % 2 == 1 ? all[all.length / 2]
                    : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
            assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(median);
        }
    }

    @Test
    void largeSampleIntervalCoversTheTrueShiftAtItsLevel() {
        // 400 simulated pairs of normal samples (n = 80, 100) shifted by 1.5: a 90% interval should cover
        // 1.5 about 90% of the time; 400 trials give a binomial standard error of 1.5%.
        SplittableRandom random = new SplittableRandom(11);
        int covered = 0;
        for (int t = 0; t < 400; t++) {
            double[] x = new double[80];
            double[] y = new double[100];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = random.nextGaussian() + 1.5;
            }
            Arrays.sort(x);
            Arrays.sort(y);
            double[] ci = HodgesLehmann.interval(x, y, 0.10);
            covered += ci[0] <= 1.5 && 1.5 <= ci[1] ? 1 : 0;
        }
        assertThat(covered / 400.0).isBetween(0.86, 0.95);
    }

    static double[] sorted(double... v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
