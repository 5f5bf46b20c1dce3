package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/lab} run from another folder: the paths a user gives are relative to where they are. */
class LauncherScriptIT {

    private static final Path SCRIPT = Path.of("..", "scripts", "lab").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void relativeSamplesAndConfigAreReadFromTheFolderTheUserIsIn() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("samples.json"), "{\"metrics\": {\"errors\": {\"baseline\": {\"total\": 1000,"
                + " \"errors\": 0}, \"canary\": {\"total\": 1000, \"errors\": 40}}}}");
        Files.writeString(dir.resolve("errors.yaml"), "metrics: [{name: errors, kind: error-ratio, critical: true}]\n");

        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "judge", "--samples", "samples.json", "--config",
                "errors.yaml").directory(dir.toFile()).redirectError(dir.resolve("err").toFile())
                .redirectOutput(dir.resolve("out").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("scripts/lab ended").isTrue();

        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(Files.readString(dir.resolve("out"), StandardCharsets.UTF_8)).as(err).startsWith("Verdict: FAIL")
                .contains("errors");
        assertThat(p.exitValue()).isEqualTo(1);
    }
}
