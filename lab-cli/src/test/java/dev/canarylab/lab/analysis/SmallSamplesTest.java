package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Samples too small for the test to ever reject cannot be evidence that nothing changed. */
class SmallSamplesTest {

    @Test
    void oneRequestPerTrackIsInconclusiveNotPass() {
        // Two-sided exact Mann-Whitney with n = m = 1: the smallest attainable p-value is 1 (no test can reject).
        MetricResult r = only(judge(Configs.of(Configs.latency()), "latency", MetricData.values(100),
                MetricData.values(101)));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.needMore()).isPositive();
    }

    @Test
    void fourRequestsPerTrackCannotPassAtTheDefaultConfidence() {
        // Smallest two-sided exact Mann-Whitney p-value for n = m is 2 / C(2n, n) (python3: math.comb):
        // n = 4 gives 2/70 = 0.0286 > alpha 0.02, n = 5 gives 2/252 = 0.0079. So 4 vs 4 could not have detected
        // any change, however large, and 5 per track is the least that could: one more request per track.
        double[] baseline = {100.0, 100.2, 100.4, 100.6};
        double[] canary = {100.1, 100.3, 100.5, 100.7};
        MetricResult r = only(judge(Configs.of(Configs.latency()), "latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.needMore()).isEqualTo(1L);
        assertThat(r.reason()).contains("too few samples");
    }

    @Test
    void fiveRequestsPerTrackWithTinySpreadMayPass() {
        // 5 vs 5 reaches p = 0.0079 < 0.02 when the tracks separate, so a tight sample may pass.
        double[] baseline = {100.0, 100.2, 100.4, 100.6, 100.8};
        double[] canary = {100.1, 100.3, 100.5, 100.7, 100.9};
        MetricResult r = only(judge(Configs.of(Configs.latency()), "latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void equalConstantsTooFewToTestAreInconclusive() {
        // 3 baseline values and 1 canary value, all 0.25: the smallest two-sided exact Mann-Whitney p-value for
        // 3 vs 1 is 2 / C(4, 1) = 0.5, so even a canary at 100x could not have failed. (Identical samples, same
        // values and same count, still pass as in Kayenta.)
        MetricSpec cpu = MetricSpec.of("cpu", "resources", MetricKind.RATIO);
        MetricResult r = only(judge(Configs.of(cpu), "cpu", MetricData.values(0.25, 0.25, 0.25),
                MetricData.values(0.25)));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
    }
}
