package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A metric that must not drop, on the linear scale (it has zeros), is guarded against the drop it allows. */
class DecreaseGuardTest {

    private static final double[] BASELINE = {0, 73, 76, 79, 82, 85, 88, 91, 94, 97, 100, 103, 106, 109, 112,
        115, 118, 121, 124, 127};
    private static final double[] CANARY = {0, 70, 73, 76, 82, 85, 88, 91, 94, 97, 100, 103, 106, 109, 112,
        115, 118, 121, 124, 127};

    @Test
    void aSampleThatCannotSeeATwentyPercentDropIsInconclusive() {
        // Independent reference (python3, exact enumeration): the Mann-Whitney null law for 20 vs 20 gives the
        // critical rank C = 116 at alpha 0.02, and the sorted differences canary - baseline give the
        // Hodges-Lehmann interval [D(116), D(285)] = [-15, 15]. Standard error 15 / z(0.99) = 15 / 2.3263;
        // detectable with 80% power: 6.448 * (2.3263 + 0.8416) = 20.43. The allowed drop is 20% of the
        // baseline median 98.5 = 19.7 (not 1/0.8 - 1 = 25% of it, 24.6), so this sample is too small to pass.
        MetricSpec spec = MetricSpec.of("throughput", "throughput", MetricKind.GAUGE)
                .withDirection(Direction.DECREASE);
        MetricResult r = only(judge(Configs.of(spec), "throughput", MetricData.values(BASELINE),
                MetricData.values(CANARY)));
        assertThat(r.lower()).isCloseTo(-15, within(1e-9));
        assertThat(r.upper()).isCloseTo(15, within(1e-9));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("too few samples to detect the allowed change");
    }
}
