package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static dev.canarylab.lab.analysis.Configs.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Value metrics whose baseline median is 0 (restarts per step, 5xx per step, an idle queue) can fail and pass:
 * single looks at alpha 0.02, power 0.8 unless said otherwise.
 *
 * <p>Reference values: {@code src/test/resources/reference/zero_baselines.py} (python3, scipy 1.17): Mann-Whitney
 * p-values from {@code scipy.stats.mannwhitneyu}, and the power guard of docs/judge.md evaluated with
 * {@code scipy.stats.norm}: z(0.99) + z(0.8) = 3.16797, so n zeros a side can detect an increase of
 * 3.16797^2 / n = 10.036 / n.
 */
class ZeroBaselineTest {

    private static final double[] FIVE_ZEROS = repeat(0, 5);
    private static final double[] NEAR_55 = {53, 54, 55, 56, 57};

    private static MetricSpec restarts(double absoluteIncrease) {
        return MetricSpec.of("restarts", "restarts", MetricKind.GAUGE).withAllowed(1.2, 0.8, absoluteIncrease);
    }

    private static MetricResult judged(MetricSpec spec, double power, double[] baseline, double[] canary) {
        CanaryConfig config = new CanaryConfig(List.of(spec), Map.of(), 75, 95, 0.98, power, 0.25,
                AnalysisPlan.defaults());
        return only(judge(config, spec.name(), MetricData.values(baseline), MetricData.values(canary)));
    }

    @Test
    void fiveZerosAgainstFiveValuesNear55AreHighWithPowerGuard() {
        // scipy: mannwhitneyu([53..57], [0]*5) p = 0.007494957516935239.
        MetricResult r = judged(restarts(0), 0.8, FIVE_ZEROS, NEAR_55);
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.pValue()).isCloseTo(0.007494957516935239, within(1e-12));
        assertThat(r.estimate()).isEqualTo(55.0);
        assertThat(r.reason()).contains("mean 55 vs 0", "baseline median 0", "difference +55");
    }

    @Test
    void fiveZerosAgainstFiveValuesNear55AreHighForADetector() {
        assertThat(judged(restarts(0), 0.0, FIVE_ZEROS, NEAR_55).classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void anIncreaseWithinTheAbsoluteAllowanceIsNotHigh() {
        // Same p; the canary's mean 55 is within +60 over a baseline of 0.
        assertThat(judged(restarts(60), 0.0, FIVE_ZEROS, NEAR_55).classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void allZerosOnBothSidesPassWithEnoughSamples() {
        // Detectable increase 10.036 / 30 = 0.3345 <= +0.5 allowed.
        assertThat(judged(restarts(0.5), 0.8, repeat(0, 30), repeat(0, 30)).classification())
                .isEqualTo(Classification.PASS);
        // 21 a side: 0.4779 <= 0.5, the first size that passes.
        assertThat(judged(restarts(0.5), 0.8, repeat(0, 21), repeat(0, 21)).classification())
                .isEqualTo(Classification.PASS);
    }

    @Test
    void allZerosOnBothSidesAreInconclusiveOneSampleShortOfTheGuard() {
        // 20 a side: 10.036 / 20 = 0.5018 > 0.5; one more sample a side brings it to 0.4779.
        MetricResult r = judged(restarts(0.5), 0.8, repeat(0, 20), repeat(0, 20));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.needMore()).isEqualTo(1L);
        assertThat(r.reason()).contains("too few samples to detect an increase of +0.5 (it could only detect +0.5)");
    }

    @Test
    void threeZerosAgainstThreeZerosNeverPass() {
        // Exact Mann-Whitney: the smallest two-sided p of 3 vs 3 is 2 / C(6, 3) = 0.1 > 0.02 (scipy agrees).
        MetricResult r = judged(restarts(10), 0.8, repeat(0, 3), repeat(0, 3));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("too few samples for Mann-Whitney");
        // 5 vs 5 can reach 2 / C(10, 5) = 0.0079: two more a side.
        assertThat(r.needMore()).isEqualTo(2L);
    }

    @Test
    void threeZerosAgainstThreeZerosDoNotPassOnALookWithoutAlpha() {
        // A look early in an analysis may get no alpha of its own; the budget (0.02) still decides whether
        // Mann-Whitney could ever reject.
        CanaryConfig config = new CanaryConfig(List.of(restarts(10)), Map.of(), 75, 95, 0.98, 0.8, 0.25,
                AnalysisPlan.defaults());
        Look noAlpha = new Look(1, 0.0, 0.02, 10, false);
        MetricResult r = only(new Judge(config).judge(Map.of("restarts", new TrackPair(
                MetricData.values(repeat(0, 3)), MetricData.values(repeat(0, 3)))), noAlpha, null));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
    }

    @Test
    void withoutAnAbsoluteAllowanceAZeroBaselineCannotPass() {
        MetricResult r = judged(restarts(0), 0.8, repeat(0, 200), repeat(0, 200));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason())
                .contains("no increase over 0 allowed", "set allowedAbsoluteIncrease to let this metric pass");
    }

    @Test
    void aCanaryRestartingWithinTheAllowanceOverAnIdleBaselinePasses() {
        // 10 of 50 steps with one restart (mean 0.2) over 50 steps of 0: scipy p = 0.000932988 (significant), but
        // 0.2 is within +0.5, and the guard detects +0.2007 (10.036 / 50 beats the plug-in 0.181).
        double[] canary = canaryRestarting();
        MetricResult r = judged(restarts(0.5), 0.8, repeat(0, 50), canary);
        assertThat(r.pValue()).isCloseTo(0.0009329879083673862, within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void theSameRestartsFailWithoutAnAllowance() {
        MetricResult r = judged(restarts(0), 0.8, repeat(0, 50), canaryRestarting());
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void oneSpikeInAnIdleCanaryIsInconclusiveNotAPass() {
        // 29 zeros and one 100 against 30 zeros: scipy p = 0.3337; the spike's variance makes the guard detect
        // only +10.56, far above +0.5.
        double[] canary = repeat(0, 30);
        canary[29] = 100;
        MetricResult r = judged(restarts(0.5), 0.8, repeat(0, 30), canary);
        assertThat(r.pValue()).isCloseTo(0.33371069574356604, within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("it could only detect +10.6");
    }

    @Test
    void aMostlyZeroBaselineFailsOnTheMeanRatio() {
        // Baseline 14 zeros and 1,1,2,1,3,1 (median 0, mean 0.45); canary 6 zeros and 14 values 4-6 (mean 3.5):
        // scipy p = 0.00042294; 3.5 is above both 1.2 x 0.45 and 0.45 + 0.5.
        MetricResult r = judged(restarts(0.5), 0.8, mostlyZero(), new double[] {0, 0, 0, 0, 0, 0, 4, 5, 6, 5, 4, 5, 6,
            5, 4, 5, 6, 5, 4, 6});
        assertThat(r.pValue()).isCloseTo(0.0004229414112457007, within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.meanRatio()).isCloseTo(3.5 / 0.45, within(1e-9));
    }

    @Test
    void aMostlyZeroMetricThatDidNotMovePassesWithinItsAllowance() {
        // 60 a side with the same values (scipy p = 1.0): the guard detects +0.5223, within max(1.2 x 0.45 - 0.45,
        // +1) = +1, and not within +0.5.
        double[] b = triple(mostlyZero());
        double[] c = triple(mostlyZero());
        assertThat(judged(restarts(1.0), 0.8, b, c).classification()).isEqualTo(Classification.PASS);
        assertThat(judged(restarts(0.5), 0.8, b, c).classification()).isEqualTo(Classification.INCONCLUSIVE);
    }

    @Test
    void aMostlyZeroThroughputThatStopsIsLow() {
        // 18 zeros and 12 fives (mean 2) against 30 zeros: scipy p = 0.000128193; 0 is below 0.8 x 2.
        double[] b = repeat(0, 30);
        for (int i = 18; i < 30; i++) {
            b[i] = 5;
        }
        MetricResult r = judged(restarts(0).withDirection(Direction.DECREASE), 0.8, b, repeat(0, 30));
        assertThat(r.pValue()).isCloseTo(0.00012819293925172594, within(1e-12));
        assertThat(r.classification()).isEqualTo(Classification.LOW);
    }

    private static double[] canaryRestarting() {
        double[] canary = repeat(0, 50);
        for (int i = 40; i < 50; i++) {
            canary[i] = 1;
        }
        return canary;
    }

    private static double[] mostlyZero() {
        return new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 3, 1};
    }

    private static double[] triple(double[] v) {
        double[] out = new double[v.length * 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i % v.length];
        }
        return out;
    }
}
