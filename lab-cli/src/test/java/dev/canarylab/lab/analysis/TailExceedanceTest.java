package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The count of canary values above the baseline's own quantile and its exact p-value. Every reference number comes
 * from lab-cli/src/test/resources/reference/tail_exceedance.py (brute-force enumeration of the pooled orders,
 * scipy.stats.nhypergeom, and the exact rational sum of the law with math.comb).
 */
class TailExceedanceTest {

    private static double[] sortedOf(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[] levels(double[] values, int[] counts) {
        double[] out = new double[Arrays.stream(counts).sum()];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                out[k++] = values[i];
            }
        }
        return out;
    }

    @Test
    void upperTailMatchesTheEnumeratedLawOnSmallSamples() {
        // n=7 baseline, m=6 canary, r=3: P(K>=k) for k = 0..6 by enumerating all C(13, 6) pooled orders.
        double[] expected = {1.0, 0.8776223776223776, 0.6573426573426573, 0.4125874125874126, 0.20862470862470864,
            0.0775058275058275, 0.016317016317016316};
        for (int k = 0; k <= 6; k++) {
            assertThat(TailExceedance.upper(7, 6, 3, k)).as("k=%d", k).isCloseTo(expected[k], within(1e-14));
        }
    }

    @Test
    void tailsMatchScipyOnLabSizedSamples() {
        assertThat(TailExceedance.upper(262, 222, 3, 2)).isCloseTo(0.6237348828659737, within(1e-12));
        assertThat(TailExceedance.upper(262, 222, 3, 6)).isCloseTo(0.09500246521159984, within(1e-12));
        assertThat(TailExceedance.upper(1000, 1000, 10, 30)).isCloseTo(0.0004767240365123672, within(1e-15));
        assertThat(TailExceedance.upper(100, 100, 1, 8)).isCloseTo(0.003377337287624105, within(1e-15));
        assertThat(TailExceedance.upper(1800, 1800, 18, 54)).isCloseTo(5.164977545454359e-06, within(1e-17));
        assertThat(TailExceedance.lower(262, 222, 3, 2)).isCloseTo(0.5774455789564936, within(1e-12));
        // Far in the tail the p-value keeps its relative precision (1 - cdf would bottom out near 1e-16).
        assertThat(TailExceedance.upper(262, 222, 3, 68) / 1.3318746267223066e-23).isCloseTo(1, within(1e-9));
    }

    @Test
    void theThresholdIsTheFirstOrderStatisticAtOrAboveTheBaselinesQuantile() {
        double[] c = {1};
        // j = ceil(1 + (n - 1) 0.99): n = 262 -> the 3rd largest, n = 100 -> the largest, n = 1800 -> the 18th.
        assertThat(TailExceedance.test(Direction.INCREASE, ramp(262), c, 0.99, null, null).rank()).isEqualTo(3);
        assertThat(TailExceedance.test(Direction.INCREASE, ramp(100), c, 0.99, null, null).rank()).isEqualTo(1);
        assertThat(TailExceedance.test(Direction.INCREASE, ramp(1800), c, 0.99, null, null).rank()).isEqualTo(18);
        TailExceedance e = TailExceedance.test(Direction.INCREASE, ramp(262), c, 0.99, null, null);
        assertThat(e.threshold()).isEqualTo(260).isGreaterThanOrEqualTo(Stats.quantile(ramp(262), 0.99));
        assertThat(e.expected()).isCloseTo(3 / 263.0, within(1e-15));
    }

    private static double[] ramp(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    @Test
    void canaryValuesTiedWithTheThresholdDoNotCountAsAbove() {
        // Whole milliseconds. Baseline: 990 at 10 ms, 10 at 30 ms; canary: 960 at 10, 25 at 30, 15 at 31. r = 10, so
        // the threshold is 30 ms, tied. Only the 15 at 31 ms are surely above: p = 0.15225842651131505 (the script).
        // Counting the 25 ties too (40) would read p = 3.6e-6, more than the data can prove.
        double[] b = levels(new double[] {10, 30}, new int[] {990, 10});
        double[] c = levels(new double[] {10, 30, 31}, new int[] {960, 25, 15});
        TailExceedance e = TailExceedance.test(Direction.INCREASE, b, c, 0.99, null, null);
        assertThat(e.threshold()).isEqualTo(30);
        assertThat(e.above()).isEqualTo(15);
        assertThat(e.atOrAbove()).isEqualTo(40);
        assertThat(e.pValue()).isCloseTo(0.15225842651131505, within(1e-12));
    }

    @Test
    void forADecreaseCanaryValuesTiedWithTheThresholdStillCountAsAtOrAbove() {
        // Baseline 1..1000 ms (threshold 991 ms, r = 10); canary 997 at 100 ms and 3 at 991 ms. The 3 ties may be at
        // or above the baseline's p99, so the tail has not surely vanished: P(K <= 3) = 0.04561876965098454, not
        // P(K <= 0) = 0.00095 (the script, case 6).
        double[] c = levels(new double[] {100, 991}, new int[] {997, 3});
        TailExceedance e = TailExceedance.test(Direction.DECREASE, ramp(1000), c, 0.99, null, null);
        assertThat(e.above()).isZero();
        assertThat(e.atOrAbove()).isEqualTo(3);
        assertThat(e.pValue()).isCloseTo(0.04561876965098454, within(1e-12));
    }

    @Test
    void canaryValuesInTheThresholdsBucketDoNotCountAsAbove() {
        // Rebuilt from buckets (.., 10], (10, 50], (50, 100]: a canary value in the threshold's bucket may be below it.
        double[] bounds = {10, 50, 100};
        double[] b = sortedOf(levels(new double[] {5, 20}, new int[] {95, 5}));
        double[] c = sortedOf(levels(new double[] {5, 30, 70}, new int[] {80, 15, 5}));
        TailExceedance binned = TailExceedance.test(Direction.INCREASE, b, c, 0.99, bounds, bounds);
        TailExceedance exact = TailExceedance.test(Direction.INCREASE, b, c, 0.99, null, null);
        assertThat(exact.above()).isEqualTo(20);
        assertThat(binned.above()).isEqualTo(5);
        assertThat(binned.pValue()).isGreaterThan(exact.pValue());
    }

    @Test
    void identicalDistributionsRaiseFalseAlarmsAtMostAsOftenAsTheLevel() {
        // 4,000 seeded A/A pairs of whole-millisecond latencies (ties everywhere): the share below 0.02 must be at
        // most 0.02, with room for the simulation's own noise (3 standard errors: 0.0066). Seeded: the same every run.
        SplittableRandom random = new SplittableRandom(15);
        int trials = 4_000;
        int alarms = 0;
        for (int t = 0; t < trials; t++) {
            double[] b = new double[150 + random.nextInt(300)];
            double[] c = new double[150 + random.nextInt(300)];
            for (double[] v : new double[][] {b, c}) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.round(12 * Math.exp(0.35 * random.nextGaussian()));
                }
                Arrays.sort(v);
            }
            alarms += TailExceedance.test(Direction.INCREASE, b, c, 0.99, null, null).pValue() < 0.02 ? 1 : 0;
        }
        assertThat((double) alarms / trials).isLessThanOrEqualTo(0.02 + 3 * Math.sqrt(0.02 * 0.98 / trials));
    }
}
