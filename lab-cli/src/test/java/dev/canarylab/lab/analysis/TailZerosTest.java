package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A quantile ratio needs positive quantiles, not positive values: one 0 ms request must not hide a slow tail. */
class TailZerosTest {

    @Test
    void oneZeroLatencyDoesNotHideASlowTail() {
        // Baseline: one request at 0 ms (sub-millisecond, rounded), 999 at 10-19 ms. Canary: 900 at 10-19 ms and
        // 100 at 300-399 ms. Independent reference (python3, type-7 quantiles by hand, Fisher by an exact
        // hypergeometric sum with math.comb): p99 19 ms vs 389.01 ms (20.47x); pooled p99 379.01 ms with 20
        // canary and 0 baseline values above it; one-sided p = 8.664e-7. The baseline's own p99 (its 10th largest
        // value, 19 ms) has all 100 slow canary values above it: exceedance p = 8.224e-22; the test's p is twice
        // the smaller, 1.645e-21 (reference/tail_exceedance.py).
        double[] baseline = new double[1000];
        for (int i = 0; i < 999; i++) {
            baseline[i + 1] = 10 + i % 10;
        }
        double[] canary = new double[1000];
        for (int i = 0; i < 900; i++) {
            canary[i] = 10 + i % 10;
        }
        for (int i = 0; i < 100; i++) {
            canary[900 + i] = 300 + i;
        }
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.estimate()).isCloseTo(389.01 / 19, within(1e-9));
        assertThat(r.pValue() / 1.6447867576888924e-21).isCloseTo(1, within(1e-9));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void aZeroBaselineQuantileIsInconclusiveNotPass() {
        // Most baseline values are 0: the baseline p99 is 0 and no ratio exists.
        double[] baseline = Configs.repeat(0, 1000);
        baseline[999] = 5;
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(baseline),
                MetricData.values(Configs.repeat(0.0, 1000))));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
    }
}
