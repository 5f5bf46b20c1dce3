package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The slow-release demo: a third of v3's requests 250 ms late. The pooled p99 then sits inside the late third, so
 * Mood's test alone saw a handful of exceedances and read "beyond the allowed ratio but not significantly"; the
 * count of canary requests above the baseline's own p99 sees all of them.
 *
 * <p>Data: 262 baseline requests log-normal around 12 ms and 222 canary requests, every one with i % 10 &lt; 3
 * (68) 250 ms late, at their expected quantiles, in whole milliseconds. Reference values from
 * lab-cli/src/test/resources/reference/tail_exceedance.py (its slow_release() builds the same data): the
 * baseline's p99 threshold is its 3rd largest value, 27 ms; 68 canary values above it; exceedance p =
 * 1.3318746267223066e-23, Mood's p = 0.01980809421500383, the test's p = 2 x the smaller = 2.663749253444613e-23.
 */
class TailSlowReleaseTest {

    private static double[] lognormalMs(int n, int lateEvery10, double lateMs) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.round(12 * Math.exp(0.35 * normal.inverseCumulativeProbability((i + 0.5) / n)))
                    + (i % 10 < lateEvery10 ? lateMs : 0);
        }
        return v;
    }

    private static MetricResult judgeAt(Look look, double[] baseline, double[] canary) {
        Judgement j = new Judge(Configs.of(Configs.tail())).judge(Map.of("tail-latency",
                new TrackPair(MetricData.values(baseline), MetricData.values(canary))), look, null);
        return only(j);
    }

    @Test
    void aThirdOfTheCanary250MsLateFailsTheTailTestOnASingleLook() {
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(lognormalMs(262, 0, 0)),
                MetricData.values(lognormalMs(222, 3, 250))));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.pValue() / 2.663749253444613e-23).isCloseTo(1, within(1e-9));
        assertThat(r.reason()).contains("68 of 222 canary values (30.6%) above the baseline's p99 (expected 1.1%)");
    }

    @Test
    void aThirdOfTheCanary250MsLateFailsAtTheLevelOfAnEarlyLiveLook() {
        // The third look of a 3-minute analysis gets a small share of the 2% budget: Mood's p of 0.0198 alone
        // was not enough there (INCONCLUSIVE, as the demo showed).
        AlphaSpending spending = new AlphaSpending(0.02, 180);
        spending.look(10);
        spending.look(20);
        Look third = spending.look(30);
        assertThat(third.alpha()).isLessThan(0.01);
        MetricResult r = judgeAt(third, lognormalMs(262, 0, 0), lognormalMs(222, 3, 250));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void anUnchangedCanaryInWholeMillisecondsIsNotHigh() {
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(lognormalMs(262, 0, 0)),
                MetricData.values(lognormalMs(222, 0, 0))));
        assertThat(r.classification()).isNotIn(Classification.HIGH, Classification.LOW);
        assertThat(r.pValue()).isGreaterThan(0.1);
    }

    @Test
    void anOpenIntervalBesideATinyPValueSaysWhyItIsOpen() {
        // The demo's first look: about 50 requests a track cannot bound a p99 at alpha / 2, yet the exceedance count
        // is decisive. "interval 0.00x-inf" alone beside p=0.0015 reads as the tool contradicting itself.
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(lognormalMs(53, 0, 0)),
                MetricData.values(lognormalMs(40, 2, 250))));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.reason()).contains("(open: 40 values are too few to bound a p99 at this level; the exceedance"
                + " counts are the test)");
    }
}
