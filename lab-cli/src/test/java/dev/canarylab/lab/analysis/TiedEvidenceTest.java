package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a person reads on tied data: "shift 1.00x" never stands beside a tiny p-value unexplained (issue 15,
 * "Tied data"; the per-step case is JudgeTiedStepsTest, which needs a config's critical ratio).
 */
class TiedEvidenceTest {

    @Test
    void aMedianShiftHeldAtOneByTiesIsExplainedAndTheSlowerCanaryFails() {
        // Whole milliseconds (wilcox_shift.py "whole ms median tie 100 vs 100"): 46% of the pairs are equal
        // (0.5 * 0.8 + 0.3 * 0.2), the median of the log-differences is exactly 0, p = 8.1e-07. Means 5.9 vs 5.2 ms
        // (1.13x); p50 5.5 vs 5 ms (1.10x); p95 8 vs 6 ms (1.33x), numpy type 7.
        double[] baseline = TiedIntervalTest.expand(5, 80, 6, 20);
        double[] canary = TiedIntervalTest.expand(5, 50, 6, 30, 8, 20);
        MetricResult r = only(judge(Configs.of(Configs.latency()), "latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.reason()).contains("shift 1.00x").contains("46.0% of the canary-baseline pairs are equal, which"
                + " holds the median shift at 1.00x while the mean is 1.13x, the p50 1.10x and the p95 1.33x");
        // The interval excludes "no change" as the test does, so the tolerance band no longer hides the change.
        assertThat(r.classification()).as(r.reason()).isEqualTo(Classification.HIGH);
    }

    @Test
    void wholeMillisecondsWithAClearMedianShiftNeedNoExplanation() {
        // wilcox_shift.py "whole ms 100 vs 100": median shift exactly 1.20x, inside the interval.
        double[] baseline = TiedIntervalTest.expand(4, 50, 5, 40, 6, 8, 7, 2);
        double[] canary = TiedIntervalTest.expand(4, 20, 5, 45, 6, 28, 7, 7);
        MetricResult r = only(judge(Configs.of(Configs.latency()), "latency", MetricData.values(baseline),
                MetricData.values(canary)));
        assertThat(r.reason()).contains("shift 1.20x").doesNotContain("pairs are equal");
        // Two values a track (wilcox_shift.py "one block empty"): the median sits on a run of ties, but not at 1.00x.
        MetricResult two = only(judge(Configs.of(Configs.latency()), "latency",
                MetricData.values(TiedIntervalTest.expand(4, 60, 5, 40)),
                MetricData.values(TiedIntervalTest.expand(5, 70, 6, 30))));
        assertThat(two.reason()).contains("shift 1.25x").doesNotContain("pairs are equal")
                .doesNotContain("median shift");
    }
}
