package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.ScenarioLoader;
import dev.canarylab.lab.rollout.Strategy;
import dev.canarylab.lab.rollout.StrategyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader behaviour that is wrong today (not committed: these fail). */
class LoaderInputTest {

    @TempDir
    Path dir;

    private void rejected(Runnable load, String... expected) {
        assertThatThrownBy(load::run).isInstanceOfSatisfying(LabException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).contains(expected).doesNotContain("\n");
        });
    }

    @Test
    void malformedStrategyYamlIsOneLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "steps: [unclosed");
        rejected(() -> StrategyLoader.load(file.toString()), file.toString(), "not valid YAML");
    }

    @Test
    void malformedScenarioYamlIsOneLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "version: [unclosed");
        rejected(() -> ScenarioLoader.load(file.toString()), "bad.yaml", "not valid YAML");
    }

    @Test
    void aWebhookUrlWithoutHostIsRejected() {
        rejected(() -> StrategyLoader.parse("steps: [{setWeight: 10}]\nwebhooks: [{url: 'http:///hook'}]",
                "s.yaml", null), "s.yaml: webhooks[0].url");
    }

    @Test
    void aWebhookTimeoutOfZeroIsRejected() {
        rejected(() -> StrategyLoader.parse("steps: [{setWeight: 10}]\nwebhooks: [{url: 'http://h/x', timeout: 0s}]",
                "s.yaml", null), "s.yaml: webhooks[0].timeout");
    }

    @Test
    void aScenarioFileErrorNamesTheFile() throws IOException {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, "expect: promoted\n");
        rejected(() -> ScenarioLoader.load(file.toString()), file.toString(), "needs 'version'");
    }

    @Test
    void theNormalPaceRunsAStrategyAsWritten() {
        Strategy s = StrategyLoader.parse("""
                analysis: {interval: 200ms, lifetime: 1s}
                steps: [{setWeight: 10}, {pause: 300ms}, {analysis: {}}]
                """, "s.yaml", null);
        assertThat(s.scaled(1.0)).isEqualTo(s);
    }
}
