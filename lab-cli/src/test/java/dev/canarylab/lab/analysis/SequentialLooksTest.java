package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Judging interval after interval must not turn a 2% false-alarm rate into 10%. */
class SequentialLooksTest {

    private static final int LOOKS = 12;
    private static final int PER_LOOK = 30;
    private static final int ANALYSES = 200;

    @Test
    void alphaSpendingKeepsFalseAlarmsWithinTheBudgetOverAllLooks() {
        AlphaSpending[] holder = new AlphaSpending[1];
        int alarms = falseAlarms(k -> {
            if (k == 1) {
                holder[0] = new AlphaSpending(0.02, LOOKS);
            }
            return holder[0].look(k);
        });
        // Union bound: at most 2% in expectation; allow binomial noise over 200 analyses (sd 1%).
        assertThat(alarms / (double) ANALYSES).isLessThanOrEqualTo(0.035);
    }

    @Test
    void withoutSpendingRepeatedLooksInflateFalseAlarms() {
        // The same judge at the full 2% on every look, as Kayenta runs are usually configured.
        int naive = falseAlarms(k -> new Look(k, 0.02, 0.02, k, k == LOOKS));
        AlphaSpending[] holder = new AlphaSpending[1];
        int spent = falseAlarms(k -> {
            if (k == 1) {
                holder[0] = new AlphaSpending(0.02, LOOKS);
            }
            return holder[0].look(k);
        });
        assertThat(naive).isGreaterThan(2 * Math.max(spent, 3));
    }

    /** A/A analyses with a growing window and a look every PER_LOOK requests; count those that FAIL. */
    private static int falseAlarms(IntFunction<Look> looks) {
        // allowedIncrease 1.02: a tolerance that rarely masks a significant difference, so the test's level shows.
        MetricSpec latency = MetricSpec.of("latency", "latency", MetricKind.LATENCY).withCritical(true, false)
                .withAllowed(1.02, 0.98, 0);
        CanaryConfig config = new CanaryConfig(java.util.List.of(latency), Map.of(), 75, 95, 0.98, 0.8, 0.0,
                AnalysisPlan.defaults());
        Judge judge = new Judge(config);
        int alarms = 0;
        for (int a = 0; a < ANALYSES; a++) {
            SplittableRandom random = new SplittableRandom(1000 + a);
            double[] base = new double[LOOKS * PER_LOOK];
            double[] can = new double[LOOKS * PER_LOOK];
            for (int i = 0; i < base.length; i++) {
                base[i] = 50 * Math.exp(0.45 * random.nextGaussian());
                can[i] = 50 * Math.exp(0.45 * random.nextGaussian());
            }
            for (int k = 1; k <= LOOKS; k++) {
                int n = k * PER_LOOK;
                Judgement j = judge.judge(Map.of("latency", new TrackPair(
                        MetricData.values(Arrays.copyOf(base, n)), MetricData.values(Arrays.copyOf(can, n)))),
                        looks.apply(k), null);
                if (j.failed()) {
                    alarms++;
                    break;
                }
            }
        }
        return alarms;
    }
}
