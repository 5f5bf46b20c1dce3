package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInScenarioLoadsWithTheOutcomeTheIssuePromisesAndAStrategyThatLoads() {
        // The outcomes as issue 6 describes the demo.
        Map<String, RolloutOutcome> promised = Map.of("happy-path", RolloutOutcome.PROMOTED,
                "slow-release", RolloutOutcome.ROLLED_BACK, "error-spike", RolloutOutcome.ROLLED_BACK,
                "memory-leak", RolloutOutcome.ROLLED_BACK, "crash-loop", RolloutOutcome.ROLLED_BACK,
                "blue-green", RolloutOutcome.ROLLED_BACK, "low-traffic", RolloutOutcome.INCONCLUSIVE,
                // issue 17: the A/B test promotes its healthy version, the dark launch catches v4 unseen
                "ab-test", RolloutOutcome.PROMOTED, "dark-launch", RolloutOutcome.ROLLED_BACK);
        assertThat(ScenarioLoader.BUILT_IN).containsExactlyInAnyOrderElementsOf(promised.keySet());
        for (String name : ScenarioLoader.BUILT_IN) {
            Scenario s = ScenarioLoader.load(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.expect()).as(name).isEqualTo(promised.get(name));
            assertThat(s.version()).isNotBlank().isNotEqualTo(s.stable());
            assertThat(s.explain()).as(name).isNotBlank();
            assertThat(s.rps()).isPositive();
            assertThat(StrategyLoader.load(s.strategy())).isNotNull();
        }
        assertThat(ScenarioLoader.load("blue-green").strategy()).isEqualTo("blue-green");
        assertThat(ScenarioLoader.load("low-traffic").rps()).isLessThan(ScenarioLoader.load("happy-path").rps());
        assertThat(ScenarioLoader.load("ab-test").matching()).isEqualTo(new Scenario.Matching(
                new Scenario.Header("X-Beta", "on"), new Scenario.Header("X-Beta", "off"), 40));
        assertThat(ScenarioLoader.load("dark-launch").matching()).isNull();
    }

    @Test
    void aScenarioFileResolvesItsStrategyAndConfigBesideIt() throws IOException {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, """
                stable: v1
                version: v3
                strategy: strategies/fast.yaml
                config: my-config.yaml
                rps: 80
                expect: Rolled-Back
                """);
        Scenario s = ScenarioLoader.load(file.toString());

        assertThat(s.name()).isEqualTo("slow");
        assertThat(s.title()).isEqualTo("slow: v3");
        assertThat(s.strategy()).isEqualTo(dir.toAbsolutePath().resolve("strategies/fast.yaml").toString());
        assertThat(s.config()).isEqualTo(dir.toAbsolutePath().resolve("my-config.yaml"));
        assertThat(s.rps()).isEqualTo(80);
        assertThat(s.expect()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    }

    @Test
    void aScenarioNamesItsRequestMixBesideIt() throws IOException {
        Files.writeString(dir.resolve("requests.yaml"), "requests: [{path: /orders, weight: 3}]\n");
        Path file = dir.resolve("promote.yaml");
        Files.writeString(file, "version: v2\ntraffic: {mix: requests.yaml}\nexpect: promoted\n");

        assertThat(ScenarioLoader.load(file.toString()).mix()).isEqualTo(dir.toAbsolutePath().resolve("requests.yaml"));
        assertThat(ScenarioLoader.load("happy-path").mix()).as("built-ins keep traffic-gen's default mix").isNull();
    }

    @Test
    void builtInStrategyNamesAreNotTurnedIntoPaths() throws IOException {
        Path file = dir.resolve("bg.yaml");
        Files.writeString(file, "version: v5\nstrategy: blue-green\nexpect: rolled_back\n");

        Scenario s = ScenarioLoader.load(file.toString());
        assertThat(s.strategy()).isEqualTo("blue-green");
        assertThat(s.expect()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(s.stable()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing version | expect: promoted                          | needs 'version'
            missing expect  | version: v2                               | needs 'expect'
            bad expect      | version: v2\\nexpect: passed              | expect must be one of promoted, rolled back, inconclusive, aborted
            unknown field   | version: v2\\nexpect: promoted\\nexpct: x | expct is not a known field
            zero rps        | version: v2\\nexpect: promoted\\nrps: 0   | rps must be between 0 and 5000
            rps not number  | version: v2\\nexpect: promoted\\nrps: fast| rps must be a number
            not an object   | '- version: v2'                           | must be an object
            """)
    void badInputIsOneLineNamingTheScenarioAndTheField(String what, String yaml, String expected) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml.replace("\\n", "\n"), "my-scenario.yaml", "my-scenario", null))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).startsWith("my-scenario.yaml: ").contains(expected)
                            .doesNotContain("\n");
                });
    }

    @Test
    void aMissingFileThatIsNotABuiltInSaysSo() {
        assertThatThrownBy(() -> ScenarioLoader.load("happy-pth"))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).contains("happy-pth: no such file").contains("happy-path");
                });
    }

    @Test
    void demoAllPlaysEveryBuiltInScenarioTheABTestAndDarkLaunchIncluded() {
        assertThat(ScenarioLoader.DEMO_ALL).containsExactlyElementsOf(ScenarioLoader.BUILT_IN)
                .contains("ab-test", "dark-launch");
    }
}
