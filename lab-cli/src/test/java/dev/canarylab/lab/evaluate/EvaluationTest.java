package dev.canarylab.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default config against the lab's targets, on a small but telling number of trials. */
class EvaluationTest {

    private static final CanaryConfig DEFAULTS = ConfigLoader.defaults();

    @Test
    void defaultConfigRaisesNoFalseAlarmOnAnUnchangedCanary() {
        Evaluation.Scorecard card = Evaluation.run(DEFAULTS, new Evaluation.Settings(40, 10, 1),
                List.of(Scenario.standard().get(0)), line -> { });
        Evaluation.Cell lab = card.rows().get(0).cells().get(0);
        assertThat(lab.contender()).isEqualTo("canary-lab");
        assertThat(lab.alarms()).isLessThanOrEqualTo(1);
    }

    @Test
    void defaultConfigCatchesTwentyPercentSlowerWithinAMinute() {
        Evaluation.Scorecard card = Evaluation.run(DEFAULTS, new Evaluation.Settings(40, 10, 2),
                List.of(scenario("latency +20%")), line -> { });
        assertThat(card.rows().get(0).cells().get(0).fastRate()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void defaultConfigCatchesTwentyPercentSlowerWithinThirtySeconds() {
        // Three looks of 10 s: with Kayenta's band on top of the allowed ratio only about 80% were caught by then.
        Evaluation.Scorecard card = Evaluation.run(DEFAULTS, new Evaluation.Settings(40, 10, 4),
                List.of(scenario("latency +20%")), line -> { });
        Evaluation.Cell lab = card.rows().get(0).cells().get(0);
        assertThat(lab.quickRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(lab.quickRate()).isLessThanOrEqualTo(lab.fastRate());
    }

    @Test
    void defaultConfigCatchesSixTimesTheErrorsAndATailThatFlaggerMisses() {
        Evaluation.Scorecard card = Evaluation.run(DEFAULTS, new Evaluation.Settings(30, 10, 3),
                List.of(scenario("errors 0.5% -> 3%"), scenario("tail: 2% of requests 10x")), line -> { });
        Evaluation.Row errors = card.rows().get(0);
        assertThat(errors.cells().get(0).alarmRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(errors.cells().get(0).medianVerdictSeconds()).isLessThanOrEqualTo(60);
        // Why it was raised: the errors metric, in every trial that alarmed, and nothing for Kayenta-style.
        assertThat(errors.cells().get(0).alarmsByMetric()).containsEntry("errors", errors.cells().get(0).alarms());
        assertThat(errors.cells().get(1).alarmsByMetric()).isEmpty();
        Evaluation.Row tail = card.rows().get(1);
        assertThat(tail.cells().get(0).alarmRate()).isGreaterThanOrEqualTo(0.9);
        // Flagger's p99 < 500 ms check sees the tail late if at all: 2% of requests at ~500 ms.
        assertThat(tail.cells().get(0).fastRate()).isGreaterThan(tail.cells().get(2).fastRate());
    }

    @Test
    void syntheticTrafficIsSeededAndShapedLikeSampleApp() {
        TrackRecording a = SyntheticTraffic.baseline(9, 10, 60);
        TrackRecording b = SyntheticTraffic.baseline(9, 10, 60);
        assertThat(a.latency()).containsExactly(b.latency());
        assertThat(a.time().length).isBetween(500, 700);
        assertThat(a.cpu()).hasSize(6);
        java.util.Arrays.sort(b.latency());
        assertThat(b.latency()[b.latency().length / 2]).isBetween(40.0, 60.0);
    }

    private static Scenario scenario(String name) {
        return Scenario.standard().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
