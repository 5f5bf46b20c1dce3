package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Latencies are often recorded in whole milliseconds, so the pooled quantile used by the exceedance test
 * can sit on a run of ties; counting only values strictly above it can leave no exceedance at all.
 */
class TailTiesTest {

    private static double[] twoLevels(int low, double lowValue, int high, double highValue) {
        double[] v = new double[low + high];
        java.util.Arrays.fill(v, 0, low, lowValue);
        java.util.Arrays.fill(v, low, low + high, highValue);
        return v;
    }

    @Test
    void everyRequestTwiceAsSlowFailsTheTailTest() {
        // p99 10 ms -> 20 ms (2x, allowed 1.5x). Pooled p99 = 20: nothing is above it, 1000 canary values and
        // no baseline value are at or above it; Fisher's one-sided p = 1 / C(2000, 1000), about 1e-601.
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency",
                MetricData.values(Configs.repeat(10, 1000)), MetricData.values(Configs.repeat(20, 1000))));
        assertThat(r.estimate()).isCloseTo(2.0, within(1e-12));
        assertThat(r.pValue()).isLessThan(1e-10);
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void aTiedSlowTailFailsTheTailTest() {
        // Baseline 5 of 1000 requests at 30 ms, canary 30 of 1000 (type-7 p99: 10 ms vs 30 ms, 3x). The pooled
        // p99 is 30 ms, which no value exceeds. At or above it: 30 canary vs 5 baseline; Fisher's exact test,
        // one-sided, on [[30, 970], [5, 995]]: p = 9.578e-6 (python3, exact hypergeometric sum with math.comb).
        // The baseline's own p99 is its 10th largest value, 10 ms: 30 canary values above it, exceedance p =
        // 4.767e-4. The test's p is twice the smaller: 1.9156e-5 (reference/tail_exceedance.py).
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency",
                MetricData.values(twoLevels(995, 10, 5, 30)), MetricData.values(twoLevels(970, 10, 30, 30))));
        assertThat(r.estimate()).isCloseTo(3.0, within(1e-12));
        assertThat(r.pValue()).isCloseTo(1.915557557143737e-05, within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void anUnchangedTiedTailIsNotSignificant() {
        // Same tied tail on both tracks (10 of 1000 at 30 ms): at or above the pooled p99, 10 vs 10; p > 0.5.
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency",
                MetricData.values(twoLevels(990, 10, 10, 30)), MetricData.values(twoLevels(990, 10, 10, 30.0))));
        assertThat(r.classification()).isNotIn(Classification.HIGH, Classification.LOW);
    }
}
