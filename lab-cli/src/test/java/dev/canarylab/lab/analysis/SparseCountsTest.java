package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sparse event counts (restarts) must not pass when they look like a regression. */
class SparseCountsTest {

    @Test
    void restartsWellAboveTheAllowedRateButNotSignificantAreInconclusive() {
        // Baseline 0 restarts in 6 steps, canary 3 in 6: conditional binomial test P(X >= 3 | 3, 0.5) = 0.125
        // (exact), not significant, but the observed rate ratio (infinite) is far beyond the allowed 1.2x:
        // the data cannot tell a regression from chance, which is not a pass.
        MetricSpec spec = MetricSpec.of("restarts", "resources", MetricKind.COUNT);
        MetricResult r = only(judge(Configs.of(spec), "restarts", MetricData.values(0, 0, 0, 0, 0, 0),
                MetricData.values(0, 1, 0, 1, 0, 1)));
        assertThat(r.pValue()).isCloseTo(0.125, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
    }

    @Test
    void restartsWithinTheAllowedRatePass() {
        // 5 vs 5 restarts over 6 steps each: rate ratio 1.0, within the allowed 1.2x.
        MetricSpec spec = MetricSpec.of("restarts", "resources", MetricKind.COUNT);
        MetricResult r = only(judge(Configs.of(spec), "restarts", MetricData.values(1, 1, 1, 1, 1, 0),
                MetricData.values(0, 1, 1, 1, 1, 1)));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void countsTooLargeForTheExactTestAreAnErrorNotACrash() {
        // The conditional binomial test takes an int number of events; 3e9 must not throw ArithmeticException.
        MetricSpec spec = MetricSpec.of("events", "resources", MetricKind.COUNT);
        MetricResult r = only(judge(Configs.of(spec), "events", MetricData.values(3e9), MetricData.values(1)));
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
        assertThat(r.reason()).contains("too many events");
    }
}
