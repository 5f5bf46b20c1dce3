package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyLoaderTest {

    @TempDir
    Path dir;

    private static final String CANARY = """
            strategy: canary
            steps:
              - setWeight: 10
              - pause: 10s
              - analysis: {interval: 10s, lifetime: 60s}
            """;

    @Test
    void everyBuiltInStrategyLoads() {
        for (String name : StrategyLoader.BUILT_IN) {
            Strategy s = StrategyLoader.load(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.analysis().lifetime()).isGreaterThanOrEqualTo(s.analysis().interval());
            if (s.kind() == Strategy.Kind.CANARY) {
                assertThat(s.routesTraffic()).isTrue();
                assertThat(s.blueGreen()).isNull();
            } else {
                assertThat(s.steps()).isEmpty();
                assertThat(s.blueGreen().prePromotion()).isNotNull();
                assertThat(s.blueGreen().postPromotion()).isNotNull();
            }
        }
        assertThat(StrategyLoader.load("canary").kind()).isEqualTo(Strategy.Kind.CANARY);
        assertThat(StrategyLoader.load("blue-green").kind()).isEqualTo(Strategy.Kind.BLUE_GREEN);
    }

    @Test
    void theBuiltInCanaryJudgesAgainstABaselineAtEveryStep() {
        Strategy s = StrategyLoader.load("canary");

        assertThat(s.baseline()).isTrue();
        assertThat(s.background()).isTrue();
        assertThat(s.steps()).anyMatch(step -> step instanceof Strategy.Step.Analysis);
        assertThat(s.steps()).filteredOn(step -> step instanceof Strategy.Step.SetWeight)
                .allSatisfy(step -> assertThat(((Strategy.Step.SetWeight) step).percent()).isBetween(1, 50));
    }

    @Test
    void aStrategyFileIsReadWithStepsWebhooksAndAConfigBesideIt() throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, CANARY + """
                config: my-config.yaml
                extensions: 2
                webhooks:
                  - url: http://127.0.0.1:9000/hook
                    events: [verdict, rollback]
                  - url: https://example.org/confirm
                    confirmPromotion: true
                    timeout: 2s
                """);
        Strategy s = StrategyLoader.load(file.toString());

        assertThat(s.config()).isEqualTo(dir.toAbsolutePath().resolve("my-config.yaml"));
        assertThat(s.extensions()).isEqualTo(2);
        assertThat(s.steps()).containsExactly(new Strategy.Step.SetWeight(10),
                new Strategy.Step.Pause(Duration.ofSeconds(10)),
                new Strategy.Step.Analysis(new Strategy.Timing(Duration.ofSeconds(10), Duration.ofSeconds(60))));
        // "rollback" subscribes to rollbacks and to failures to restore traffic, both written as "rollback"
        assertThat(s.webhooks().get(0).events()).containsExactlyInAnyOrder(EventType.VERDICT, EventType.ROLLBACK,
                EventType.RESTORE_FAILED);
        assertThat(s.webhooks().get(0).confirmPromotion()).isFalse();
        assertThat(s.webhooks().get(1).confirmPromotion()).isTrue();
        assertThat(s.webhooks().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aPauseWithoutDurationWaitsUntilPromoted() {
        Strategy s = StrategyLoader.parse("""
                steps:
                  - setWeight: 10
                  - pause: {}
                  - pause: untilPromoted
                """, "s.yaml", null);
        assertThat(s.steps().subList(1, 3)).containsExactly(new Strategy.Step.Pause(null),
                new Strategy.Step.Pause(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field         | stratgy: canary\\nsteps: [{setWeight: 10}]                               | stratgy is not a known field
            unknown step field    | steps: [{setweight: 10}]                                                 | steps[0].setweight is not a known field
            weight above baseline | steps: [{setWeight: 60}]                                                 | steps[0].setWeight must be a whole percentage between 0 and 50
            fractional weight     | baseline: false\\nsteps: [{setWeight: 12.5}]                            | steps[0].setWeight must be a whole percentage between 0 and 100
            lifetime < interval   | steps: [{setWeight: 10}, {analysis: {interval: 20s, lifetime: 10s}}]     | steps[1].analysis lifetime must be at least one interval
            default lifetime      | analysis: {interval: 2m}\\nsteps: [{setWeight: 10}]                      | analysis lifetime must be at least one interval
            bad duration          | steps: [{setWeight: 10}, {pause: 10 parsecs}]                            | steps[1].pause must be a duration
            no weight             | steps: [{pause: 10s}]                                                    | steps must contain at least one setWeight
            two in one step       | steps: [{setWeight: 10, pause: 10s}]                                     | steps[0] must have exactly one of setWeight, pause, analysis
            bad webhook scheme    | steps: [{setWeight: 10}]\\nwebhooks: [{url: 'ftp://example.org/x'}]      | webhooks[0].url must be an http or https URL
            webhook not a URL     | steps: [{setWeight: 10}]\\nwebhooks: [{url: 'not a url'}]                | webhooks[0].url must be a URL
            unknown event         | steps: [{setWeight: 10}]\\nwebhooks: [{url: 'http://h/x', events: [promoted]}] | webhooks[0].events[0] is not an event
            unknown strategy      | strategy: linear\\nsteps: [{setWeight: 10}]                              | strategy must be canary or blue-green
            canary field in bg    | strategy: blue-green\\nsteps: [{setWeight: 10}]                          | steps belongs to a canary strategy
            bad preview rate      | strategy: blue-green\\nblueGreen: {previewRate: 0}                       | blueGreen.previewRate must be between 1 and 1000
            """)
    void badInputIsOneLineNamingTheFileAndTheField(String what, String yaml, String expected) throws IOException {
        Path file = dir.resolve("bad-strategy.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> StrategyLoader.load(file.toString()))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).startsWith(file.toString() + ": ").contains(expected)
                            .doesNotContain("\n");
                });
    }

    @Test
    void aMissingFileThatIsNotABuiltInSaysSo() {
        assertThatThrownBy(() -> StrategyLoader.load("canry"))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).contains("canry: no such file").contains("canary, blue-green");
                });
    }

    @Test
    void paceScalingScalesPausesAndAnalysisTimingsButNotWeights() {
        Strategy s = StrategyLoader.load("canary");
        Strategy half = s.scaled(0.5);

        assertThat(half.analysis().interval()).isEqualTo(s.analysis().interval().dividedBy(2));
        assertThat(half.analysis().lifetime()).isEqualTo(s.analysis().lifetime().dividedBy(2));
        assertThat(half.steps()).hasSameSizeAs(s.steps());
        for (int i = 0; i < s.steps().size(); i++) {
            Strategy.Step before = s.steps().get(i);
            Strategy.Step after = half.steps().get(i);
            if (before instanceof Strategy.Step.SetWeight) {
                assertThat(after).isEqualTo(before);
            } else if (before instanceof Strategy.Step.Pause p) {
                assertThat(((Strategy.Step.Pause) after).duration()).isEqualTo(p.duration().dividedBy(2));
            } else if (before instanceof Strategy.Step.Analysis a) {
                assertThat(((Strategy.Step.Analysis) after).timing()).isEqualTo(new Strategy.Timing(
                        a.timing().interval().dividedBy(2), a.timing().lifetime().dividedBy(2)));
            }
        }
        assertThat(half.baseline()).isEqualTo(s.baseline());
        assertThat(half.extensions()).isEqualTo(s.extensions());
    }

    @Test
    void paceScalingOfBlueGreenScalesItsAnalysesButNotThePreviewRate() {
        Strategy s = StrategyLoader.load("blue-green");
        Strategy half = s.scaled(0.5);

        assertThat(half.blueGreen().previewRate()).isEqualTo(s.blueGreen().previewRate());
        assertThat(half.blueGreen().prePromotion().lifetime())
                .isEqualTo(s.blueGreen().prePromotion().lifetime().dividedBy(2));
        assertThat(half.blueGreen().postPromotion().interval())
                .isEqualTo(s.blueGreen().postPromotion().interval().dividedBy(2));
    }

    @Test
    void anIndefinitePauseStaysIndefiniteWhenScaled() {
        Strategy s = StrategyLoader.parse("steps: [{setWeight: 10}, {pause: {}}]", "s.yaml", null);
        assertThat(s.scaled(0.5).steps()).containsExactlyElementsOf(List.of(new Strategy.Step.SetWeight(10),
                new Strategy.Step.Pause(null)));
    }
}
