package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** A tail whose estimate is beyond the allowed ratio is never reported as a pass. */
class TailBeyondAllowedTest {

    @Test
    void aP99BeyondTheAllowedRatioWithoutSignificanceIsInconclusive() {
        // 20,000 log-normal latencies at their expected quantiles; the canary's slowest 1% (from the p99 order
        // statistic up) are 1.6x slower. By construction both order statistics of the type-7 p99
        // (h = 0.99 * 19999 = 19799.01) are scaled, so the p99 ratio is exactly 1.6, beyond the allowed 1.5.
        // Mood's test barely sees it (the pooled p99 splits the slow tails about evenly), so it is not
        // significant; the estimate beyond the allowed ratio is not evidence of no regression either.
        int n = 20_000;
        double[] baseline = new double[n];
        double[] canary = new double[n];
        NormalDistribution normal = NormalDistribution.of(0, 1);
        for (int i = 0; i < n; i++) {
            baseline[i] = 50 * Math.exp(0.45 * normal.inverseCumulativeProbability((i + 0.5) / n));
            canary[i] = i >= 19_799 ? 1.6 * baseline[i] : baseline[i];
        }
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.estimate()).isCloseTo(1.6, within(1e-9));
        assertThat(r.pValue()).isGreaterThan(0.02);
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("beyond the allowed ratio");
    }
}
