package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@code power: 0} makes a metric a detector: it fails on evidence of a change and never holds a release back for
 * lack of it. The tail test broke that promise: a smoke test's p99 on 400 requests a track, 1.5x the baseline's by
 * a few slow requests but far from significant, read "beyond the allowed ratio but not significantly:
 * INCONCLUSIVE", and workshop module 04's blue-green was not promoted on a busy machine.
 */
class TailDetectorTest {

    /** 400 log-normal values around 3 ms at their expected quantiles; the {@code late} largest {@code plusMs} later. */
    private static double[] smoke(int late, double plusMs) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) {
            v[i] = 3 * Math.exp(0.4 * normal.inverseCumulativeProbability((i + 0.5) / v.length));
        }
        Arrays.sort(v);
        for (int i = v.length - late; i < v.length; i++) {
            v[i] += plusMs;
        }
        return v;
    }

    @Test
    void aP99BeyondTheAllowedRatioWithoutSignificancePassesADetector() {
        CanaryConfig detector = Configs.of(Configs.tail()).withPower(0);
        MetricResult r = only(judge(detector, "tail-latency", MetricData.values(smoke(0, 0)),
                MetricData.values(smoke(6, 5))));
        assertThat(r.estimate()).as(r.reason()).isGreaterThan(1.5);
        assertThat(r.pValue()).as(r.reason()).isGreaterThan(0.1);
        assertThat(r.classification()).as(r.reason()).isEqualTo(Classification.PASS);
        assertThat(r.reason()).contains("beyond the allowed ratio but not significantly, and this metric only"
                + " detects changes (power 0)");
    }

    @Test
    void theSameDataHoldsTheReleaseBackWhereThePowerGuardIsOn() {
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(smoke(0, 0)),
                MetricData.values(smoke(6, 5))));
        assertThat(r.classification()).as(r.reason()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.reason()).contains("beyond the allowed ratio but not significantly");
    }

    @Test
    void aDetectorStillFailsAClearlySlowerTail() {
        // A tenth of the canary 50 ms late: significant, far beyond 1.5x.
        CanaryConfig detector = Configs.of(Configs.tail()).withPower(0);
        MetricResult r = only(judge(detector, "tail-latency", MetricData.values(smoke(0, 0)),
                MetricData.values(smoke(40, 50))));
        assertThat(r.classification()).as(r.reason()).isEqualTo(Classification.HIGH);
    }
}
