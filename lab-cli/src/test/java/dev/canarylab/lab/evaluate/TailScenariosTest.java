package dev.canarylab.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default config's p99 metric on its own, against the slow tails of the scorecard. */
class TailScenariosTest {

    private static final CanaryConfig TAIL_ONLY = tailOnly();

    private static CanaryConfig tailOnly() {
        CanaryConfig defaults = ConfigLoader.defaults();
        return defaults.withMetrics(List.of(defaults.metric("tail-latency").orElseThrow()));
    }

    private static Scenario scenario(String name) {
        return Scenario.standard().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSlowReleaseShapedTailAddsAFixedDelayToAThirdOfTheRequests() {
        Scenario s = scenario("tail: 30% of requests +250 ms");
        double[] slow = SyntheticTraffic.generate(4, 10, 600, s).latency();
        long late = Arrays.stream(slow).filter(ms -> ms > 250).count();
        assertThat(s.isRegression()).isTrue();
        assertThat((double) late / slow.length).isBetween(0.25, 0.35);
        // A delay, not a factor: the late requests are 250 ms plus an ordinary latency (median 50 ms), not 250
        // times one.
        assertThat(Arrays.stream(slow).max().orElseThrow()).isLessThan(1000);
    }

    @Test
    void theP99MetricAloneCatchesASlowReleaseAtItsFirstLookAndStaysQuietOnAnUnchangedCanary() {
        // Mood's test alone needed a median of 50 s here (the pooled p99 sits inside the late third); the count of
        // canary requests above the baseline's p99 sees the whole third at the first look, 10 s in.
        Evaluation.Scorecard card = Evaluation.run(TAIL_ONLY, new Evaluation.Settings(30, 10, 5),
                List.of(scenario("A/A (no change)"), scenario("tail: 30% of requests +250 ms")), line -> { });
        Evaluation.Cell aa = card.rows().get(0).cells().get(0);
        Evaluation.Cell slow = card.rows().get(1).cells().get(0);
        assertThat(aa.alarms()).isLessThanOrEqualTo(1);
        assertThat(slow.alarmRate()).isEqualTo(1.0);
        assertThat(slow.medianVerdictSeconds()).isLessThanOrEqualTo(10);
    }
}
