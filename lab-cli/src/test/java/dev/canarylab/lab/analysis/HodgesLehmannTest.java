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
                assertThat(new PairwiseDifferences(x, y).kth(rank)).isEqualTo(all[(int) rank - 1]);
            }
            double median = all.length % 2 == 1 ? all[all.length / 2]
                    : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
            assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(median);
        }
    }

    @Test
    void selectionAgreesWithBruteForceOnHeavilyTiedAndUnevenSamples() {
        // Few distinct values (3 to 40) in samples of very different sizes: most ranks fall inside long runs of
        // equal differences, where a bracket can never be narrowed, only hit.
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 60; round++) {
            int distinct = 3 + random.nextInt(38);
            double step = round % 3 == 0 ? 0.01 : 1;
            double[] x = tied(random, 1 + random.nextInt(round % 4 == 0 ? 20 : 2000), distinct, step, 0);
            double[] y = tied(random, 1 + random.nextInt(round % 4 == 1 ? 20 : 2000), distinct, step,
                    random.nextInt(3));
            double[] all = new double[x.length * y.length];
            int k = 0;
            for (double xi : x) {
                for (double yj : y) {
                    all[k++] = yj - xi;
                }
            }
            Arrays.sort(all);
            PairwiseDifferences differences = new PairwiseDifferences(x, y);
            for (int r = 0; r < 6; r++) {
                long rank = r == 0 ? 1 : r == 1 ? all.length : 1 + random.nextInt(all.length);
                assertThat(differences.kth(rank)).as("rank %d of %d x %d", rank, x.length, y.length)
                        .isEqualTo(all[(int) rank - 1]);
                assertThat(differences.countAtMost(all[(int) rank - 1]))
                        .isEqualTo(upperIndex(all, all[(int) rank - 1]));
            }
            double median = all.length % 2 == 1 ? all[all.length / 2]
                    : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
            assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(median);
        }
    }

    @Test
    void largeWholeMillisecondSamplesAreSelectedInLinearMemory() {
        // 300,000 whole milliseconds per track: 9e10 differences, far beyond any array (this used to throw
        // NegativeArraySizeException). With integer values the law of the differences is the convolution of the
        // two value histograms, an independent oracle for every rank.
        SplittableRandom random = new SplittableRandom(17);
        int n = 300_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(50 * Math.exp(0.45 * random.nextGaussian()));
            y[i] = Math.round(55 * Math.exp(0.45 * random.nextGaussian()));
        }
        Arrays.sort(x);
        Arrays.sort(y);
        int max = (int) Math.max(x[n - 1], y[n - 1]);
        long[] hx = histogram(x, max);
        long[] hy = histogram(y, max);
        // cumulative[d + max]: differences y - x at or below d.
        long[] cumulative = new long[2 * max + 1];
        for (int d = -max; d <= max; d++) {
            long count = 0;
            for (int v = Math.max(0, -d); v <= max && v + d <= max; v++) {
                count += hx[v] * hy[v + d];
            }
            cumulative[d + max] = (d > -max ? cumulative[d + max - 1] : 0) + count;
        }
        long total = (long) n * n;
        assertThat(cumulative[2 * max]).isEqualTo(total);
        PairwiseDifferences differences = new PairwiseDifferences(x, y);
        for (long rank : new long[] {1, 1234567, total / 4, total / 2, total / 2 + 1, total - 99, total}) {
            int expected = -max;
            while (cumulative[expected + max] < rank) {
                expected++;
            }
            assertThat(differences.kth(rank)).as("rank %d", rank).isEqualTo(expected);
        }
        // Both medians fall in the same run of ties: the estimate is a whole number too.
        int median = -max;
        while (cumulative[median + max] < total / 2) {
            median++;
        }
        assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(median);
        double[] ci = HodgesLehmann.interval(x, y, 0.02);
        assertThat(ci[0]).isLessThanOrEqualTo(median).isEqualTo(Math.rint(ci[0]));
        assertThat(ci[1]).isGreaterThanOrEqualTo(median).isEqualTo(Math.rint(ci[1]));
    }

    private static double[] tied(SplittableRandom random, int size, int distinct, double step, int offset) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = (random.nextInt(distinct) + offset) * step;
        }
        Arrays.sort(v);
        return v;
    }

    private static long upperIndex(double[] sorted, double v) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= v) {
            i++;
        }
        return i;
    }

    private static long[] histogram(double[] wholeNumbers, int max) {
        long[] h = new long[max + 1];
        for (double v : wholeNumbers) {
            h[(int) v]++;
        }
        return h;
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
