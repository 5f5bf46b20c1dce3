package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.ControlServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab analyze}'s verdicts and exit codes are {@code lab judge}'s; a stopped analysis says what it has. */
class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void prometheusDownIsAnErrorVerdictWithExitCodeTenAsInLabJudge() throws IOException {
        // port 1 on loopback: nothing listens, the connection is refused at once
        server = SteadyLab.serve(dir.resolve("state"), "http://127.0.0.1:1", () -> { });
        Path config = Files.writeString(dir.resolve("errors.yaml"), "metrics: [{name: errors, kind: error-ratio, critical: true}]\n");

        Run run = Run.lab("analyze", "--interval", "1s", "--lifetime", "1s", "--config", config.toString(),
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.out()).as(run.err()).startsWith("Verdict: ERROR");
        assertThat(run.exitCode()).isEqualTo(10);
    }

    @Test
    void anAnalysisStoppedAfterItsFirstLookPrintsTheVerdictSoFarAndExits130() throws InterruptedException {
        server = SteadyLab.serve(dir.resolve("state"), null, () -> { });
        AtomicReference<Run> result = new AtomicReference<>();
        Thread analyze = new Thread(() -> result.set(Run.lab("analyze", "--interval", "1s", "--lifetime", "60s",
                "--state-dir", dir.resolve("state").toString())));
        analyze.start();
        Thread.sleep(3_000); // past the first look (at 1 s), long before the lifetime's end
        analyze.interrupt(); // stops the analysis as Ctrl-C does, at its next tick
        analyze.join(30_000);

        Run run = result.get();
        assertThat(run).as("the analysis ended").isNotNull();
        assertThat(run.err()).doesNotContain("lab: error:").contains("Stopped: interrupted.");
        assertThat(run.out()).startsWith("Verdict: ").contains("latency");
        assertThat(run.exitCode()).isEqualTo(130);
    }
}
