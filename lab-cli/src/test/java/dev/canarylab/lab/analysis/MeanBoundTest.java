package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bound on the canary mean must be broken with the stated confidence, whatever the sample size. */
class MeanBoundTest {

    @Test
    void aMeanBoundNeedsStudentsTWithFewSamples() {
        // Canary 560, 600, 640 ms: mean 600, sd 40, standard error 23.09. One-sided 98% lower bound with
        // Student's t on 2 degrees of freedom (t = (2p - 1) / sqrt(2p(1 - p)) = 4.849 for p = 0.98, the closed
        // form for 2 df): 600 - 4.849 * 23.09 = 488 ms, below the 500 ms bound, so the bound is not shown
        // broken. The normal quantile 2.054 would give 552.6 ms and a confident-looking HIGH.
        MetricSpec spec = MetricSpec.of("payload", "resources", MetricKind.GAUGE)
                .withBound(new Bound(Bound.Statistic.MEAN, 500.0, null));
        double[] v = {560, 600, 640};
        MetricResult r = only(judge(Configs.of(spec), "payload", MetricData.values(v), MetricData.values(v.clone())));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void aMeanBoundClearlyBrokenStillFails() {
        // Canary 900, 1000, 1100: lower bound 1000 - 4.849 * 57.7 = 720 ms > 500 ms; the baseline is within it.
        MetricSpec spec = MetricSpec.of("payload", "resources", MetricKind.GAUGE)
                .withBound(new Bound(Bound.Statistic.MEAN, 500.0, null));
        double[] v = {900, 1000, 1100};
        MetricResult r = only(judge(Configs.of(spec), "payload", MetricData.values(300, 310, 320),
                MetricData.values(v)));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }
}
