package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab analyze --export}: a target that cannot be written is refused before the analysis; one that breaks
 * during it (here: its folder's name taken by a file once the analysis reads data) costs the export, not the
 * verdict.
 */
class AnalyzeExportTest {

    @TempDir
    Path dir;

    private dev.canarylab.lab.control.ControlServer server;

    private void labWith(Runnable onRead) {
        server = SteadyLab.serve(dir.resolve("state"), null, onRead);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anExportThatFailsAtTheEndStillPrintsTheVerdictAndOneErrorLine() {
        Path folder = dir.resolve("exports");
        labWith(() -> {
            try {
                Files.writeString(folder, "not a folder"); // the check before the analysis has passed by now
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Run run = Run.lab("analyze", "--interval", "1s", "--lifetime", "1s", "--export",
                folder.resolve("samples.json").toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(run.out()).as(run.err()).startsWith("Verdict: ").contains("latency", "errors");
        assertThat(run.err().lines().filter(l -> l.startsWith("lab: error:")).toList()).singleElement().asString()
                .startsWith("lab: error: cannot write --export " + folder.resolve("samples.json"))
                .endsWith(folder + " is in the way (a file, not a folder) (the verdict above stands)");
        assertThat(run.exitCode()).as("the verdict's exit code").isIn(0, 1, 3);
    }

    @Test
    void anExportThatWorksIsWrittenIntoAFolderMadeForIt() throws IOException {
        labWith(() -> { });
        Path file = dir.resolve("new/samples.json");

        Run run = Run.lab("analyze", "--interval", "1s", "--lifetime", "1s", "--export", file.toString(),
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.err()).doesNotContain("lab: error:");
        assertThat(Files.readString(file)).contains("latency");
    }
}
