package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/**
 * The Hodges-Lehmann interval on tied data is R's: every expected number below is printed by
 * {@code src/test/resources/reference/wilcox_shift.py}, a re-implementation of R's
 * {@code wilcox.test(canary, baseline, conf.int = TRUE, correct = TRUE)} (stats:::wilcox.test.default) in
 * numpy/scipy; "open" there means the test still rejects at the end itself.
 */
class TiedIntervalTest {

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    @Test
    void smallTiedSamplesUseTheTieCorrectedStatisticAsR() {
        // wilcox_shift.py "tied 12 vs 10": p = 0.0657, crossing lower 0.0 (closed), upper 3.0 (open), median 1.
        double[] y = HodgesLehmannTest.sorted(3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 9);
        double[] x = HodgesLehmannTest.sorted(2, 3, 3, 4, 4, 4, 5, 5, 6, 7);
        double[] ci = HodgesLehmann.interval(x, y, 0.05);
        assertThat(ci[0]).isEqualTo(0.0);
        assertThat(ci[1]).isEqualTo(Math.nextDown(3.0));
        assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(1.0);
        // p = 0.0657 > 0.05: the interval keeps 0, as the test does.
        assertThat(MANN_WHITNEY.test(y, x).getPValue()).isCloseTo(0.0656922, within(1e-6));
    }

    @Test
    void wholeMillisecondsOneInFiveSlowerExcludeNoChangeAsTheTestDoes() {
        // wilcox_shift.py "whole ms 100 vs 100" (log scale): p = 2.48e-07; lower end 0 open, upper log(1.25) open,
        // estimate log(1.2) = 0.1823215568 (R-style root 0.18231 within its 1e-4 tolerance). Before, the lower end
        // was exactly 0 ("interval 1.00x-1.25x" beside p=2.5e-07).
        double[] x = logOf(expand(4, 50, 5, 40, 6, 8, 7, 2));
        double[] y = logOf(expand(4, 20, 5, 45, 6, 28, 7, 7));
        for (double alpha : new double[] {0.02, 0.05}) {
            double[] ci = HodgesLehmann.interval(x, y, alpha);
            assertThat(ci[0]).as("alpha %s", alpha).isGreaterThan(0).isCloseTo(0, within(1e-300));
            assertThat(ci[1]).isCloseTo(0.2231435513142097, within(1e-12)).isLessThan(Math.log(5) - Math.log(4));
        }
        assertThat(HodgesLehmann.estimate(x, y)).isCloseTo(0.1823215568, within(1e-9));
    }

    @Test
    void whenMostPairsTieTheMedianShiftIsZeroYetTheIntervalExcludesIt() {
        // wilcox_shift.py "whole ms median tie 100 vs 100": p = 8.1e-07, median of differences 0 (R-style root
        // 6e-05), lower end 0 open, upper log(1.2) open.
        double[] x = logOf(expand(5, 80, 6, 20));
        double[] y = logOf(expand(5, 50, 6, 30, 8, 20));
        assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(0.0);
        double[] ci = HodgesLehmann.interval(x, y, 0.02);
        assertThat(ci[0]).isGreaterThan(0).isCloseTo(0, within(1e-300));
        assertThat(ci[1]).isCloseTo(0.18232155679395468, within(1e-12)).isLessThan(Math.log(6) - Math.log(5));
    }

    @Test
    void twoValuesATrackShrinkTheIntervalToOneTiedDifference() {
        // wilcox_shift.py "one block": accepted [log 1.25, log 1.25], both ends closed.
        double[] ci = HodgesLehmann.interval(logOf(expand(4, 70, 5, 30)), logOf(expand(5, 60, 6, 40)), 0.02);
        assertThat(ci).containsExactly(new double[] {0.2231435513142097, 0.2231435513142097}, within(1e-12));
        assertThat(ci[0]).isEqualTo(ci[1]);
    }

    @Test
    void whenTheTestRejectsEveryShiftTheIntervalSitsOnTheSideItPointsTo() {
        // wilcox_shift.py "one block empty": no shift is accepted; at log 1.25 the test points below. The interval
        // is the double just below log 1.25, never an inverted pair of ends.
        double[] ci = HodgesLehmann.interval(logOf(expand(4, 60, 5, 40)), logOf(expand(5, 70, 6, 30)), 0.02);
        assertThat(ci[0]).isEqualTo(ci[1]).isEqualTo(Math.nextDown(Math.log(5) - Math.log(4)))
                .isCloseTo(0.2231435513142097, within(1e-12));
    }

    @Test
    void largerWholeMillisecondSamplesMatchR() {
        // wilcox_shift.py "whole ms 400 vs 300": lower 0 open, upper log(50/45) = 0.10536051565782634 open,
        // estimate log(1.1) = 0.0953101798.
        double[] x = logOf(expand(40, 60, 45, 90, 50, 80, 55, 40, 60, 20, 70, 10));
        double[] y = logOf(expand(40, 30, 45, 80, 50, 120, 55, 100, 60, 50, 70, 20));
        double[] ci = HodgesLehmann.interval(x, y, 0.02);
        assertThat(ci[0]).isGreaterThan(0).isCloseTo(0, within(1e-300));
        assertThat(ci[1]).isCloseTo(0.10536051565782634, within(1e-12));
        assertThat(HodgesLehmann.estimate(x, y)).isCloseTo(0.0953101798, within(1e-9));
    }

    @Test
    void largeUntiedSamplesUseTheContinuityCorrectedNormalApproximation() {
        // wilcox_shift.py "untied 60 vs 55": lower -0.10526224699857423, upper 0.7834463246410657 (both closed),
        // median 0.340142349.
        double phi = (Math.sqrt(5) - 1) / 2;
        double[] y = new double[60];
        double[] x = new double[55];
        for (int i = 1; i <= 60; i++) {
            y[i - 1] = 10 + (i * phi % 1) * 4 + 0.3;
        }
        for (int i = 1; i <= 55; i++) {
            x[i - 1] = 10 + (i * phi * 1.37 % 1) * 4;
        }
        Arrays.sort(x);
        Arrays.sort(y);
        assertThat(HodgesLehmann.interval(x, y, 0.05))
                .containsExactly(new double[] {-0.10526224699857423, 0.7834463246410657}, within(1e-12));
        assertThat(HodgesLehmann.estimate(x, y)).isCloseTo(0.340142349, within(1e-9));
    }

    @Test
    void smallUntiedSamplesKeepTheExactIntervalOfKayentasReference() {
        // spinnaker/kayenta, kayenta-mannwhitney/src/test/scala/.../MannWhitneyRSuite.scala (values from R):
        // control 1-4, experiment 10-40, 95%: interval [6, 39], estimate 22.5; wilcox_shift.py agrees.
        double[] x = HodgesLehmannTest.sorted(1, 2, 3, 4);
        double[] y = HodgesLehmannTest.sorted(10, 20, 30, 40);
        assertThat(HodgesLehmann.interval(x, y, 0.05)).containsExactly(6.0, 39.0);
        assertThat(HodgesLehmann.estimate(x, y)).isEqualTo(22.5);
    }

    @Test
    void theIntervalExcludesNoChangeExactlyWhenTheTestRejects() {
        // Tied and untied, small (exact law) and large, linear and log scale: the interval leaves 0 out exactly
        // when Commons Statistics' Mann-Whitney test (tie-corrected) rejects at the same level.
        SplittableRandom random = new SplittableRandom(23);
        int disagreements = 0;
        List<String> cases = new ArrayList<>();
        for (int round = 0; round < 600; round++) {
            int n = 2 + random.nextInt(round % 3 == 0 ? 30 : 150);
            int m = 2 + random.nextInt(round % 3 == 1 ? 30 : 150);
            double grain = switch (round % 5) {
                case 0 -> 0;      // continuous
                case 1 -> 1;      // whole milliseconds
                case 2 -> 5;      // coarse buckets
                case 3 -> 10;     // two or three distinct values
                default -> 0.5;
            };
            double shift = random.nextDouble() * 0.4 - 0.1;
            double[] b = latencies(random, n, 0, grain);
            double[] c = latencies(random, m, shift, grain);
            double alpha = new double[] {0.01, 0.02, 0.05, 0.1, 0.2}[random.nextInt(5)];
            double p = MANN_WHITNEY.test(c, b).getPValue();
            boolean logScale = round % 2 == 0;
            double[] ci = logScale ? HodgesLehmann.interval(logOf(b), logOf(c), alpha)
                    : HodgesLehmann.interval(b, c, alpha);
            boolean excludes = ci[0] > 0 || ci[1] < 0;
            assertThat(ci[0]).isLessThanOrEqualTo(ci[1]);
            if (excludes != (p < alpha)) {
                disagreements++;
                cases.add(n + " vs " + m + " grain " + grain + " alpha " + alpha + " p " + p + " ci "
                        + Arrays.toString(ci));
            }
        }
        assertThat(cases).as("%d disagreements", disagreements).isEmpty();
    }

    private static double[] latencies(SplittableRandom random, int size, double logShift, double grain) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            double ms = 20 * Math.exp(0.3 * random.nextGaussian() + logShift);
            v[i] = grain > 0 ? Math.max(grain, Math.round(ms / grain) * grain) : ms;
        }
        Arrays.sort(v);
        return v;
    }

    /** Pairs of (value, count), ascending. */
    static double[] expand(double... valueCount) {
        int size = 0;
        for (int i = 1; i < valueCount.length; i += 2) {
            size += (int) valueCount[i];
        }
        double[] out = new double[size];
        int k = 0;
        for (int i = 0; i < valueCount.length; i += 2) {
            for (int c = 0; c < (int) valueCount[i + 1]; c++) {
                out[k++] = valueCount[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    static double[] logOf(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log(v[i]);
        }
        return out;
    }
}
