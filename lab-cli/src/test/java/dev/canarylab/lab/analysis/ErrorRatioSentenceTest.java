package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sentence of an error-ratio metric names the change its direction watches. */
class ErrorRatioSentenceTest {

    @Test
    void aMetricWatchingDecreasesStatesTheAllowedDropNotAnIncrease() {
        // A success ratio that must not drop: baseline 5/10, canary 4/10, allowed down to 0.8x (40%).
        MetricSpec spec = MetricSpec.of("success", "success", MetricKind.ERROR_RATIO)
                .withDirection(Direction.DECREASE).withAllowed(2.0, 0.8, 0.01);
        MetricResult r = only(judge(Configs.of(spec), "success", MetricData.counts(10, 5), MetricData.counts(10, 4)));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("allowed down to 40.0%").contains("to detect a decrease of")
                .doesNotContain("allowed up to").doesNotContain("an increase");
    }

    @Test
    void aMetricWatchingIncreasesStillStatesTheAllowedRise() {
        MetricResult r = only(judge(Configs.of(Configs.errors()), "errors", MetricData.counts(10, 0),
                MetricData.counts(10, 1)));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("allowed up to 1.0%").contains("to detect an increase of");
    }
}
