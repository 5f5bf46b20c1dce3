package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab evaluate --live} from the packaged jar, at the smallest size that still runs every part: two trials of
 * one scenario over a 20 s analysis. It prints the live scorecard after the simulated one, and whether it ends or
 * is stopped with Ctrl-C, no instance or traffic-gen it started is left running.
 */
class EvaluateLiveIT {

    private static final String SAMPLE_JAR = jar("sample.jar", "../sample-app/target/sample-app.jar");
    private static final String TRAFFIC_JAR = jar("traffic.jar", "../traffic-gen/target/traffic-gen.jar");

    @TempDir
    Path dir;

    private Process lab;

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.descendants().forEach(ProcessHandle::destroyForcibly);
            lab.destroyForcibly();
        }
    }

    @Test
    void theLiveScorecardFollowsTheSimulatedOneAndNothingIsLeftRunning() throws Exception {
        lab = start();
        assertThat(lab.waitFor(150, TimeUnit.SECONDS)).as("finished; stderr:%n%s", err()).isTrue();
        assertThat(lab.exitValue()).as(err()).isZero();
        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        int simulated = out.indexOf("Scorecard: 200 trials per scenario");
        int live = out.indexOf("Live scorecard: 2 trials per scenario");
        assertThat(simulated).as(out).isGreaterThanOrEqualTo(0);
        assertThat(live).as(out).isGreaterThan(simulated);
        assertThat(out.substring(simulated, live)).containsPattern("(?m)^A/A \\(no change\\) +\\| +\\d+\\.\\d%");
        assertThat(out.substring(live)).containsPattern("(?m)^A/A \\(no change\\) +\\| +\\d+\\.\\d%")
                .contains("What each recording held:").containsPattern("A/A \\(no change\\): canary \\d+ requests");
        assertThat(err()).contains("live: recording").contains("stopped 3 instances and the router");
        assertThat(children(lab.pid())).isEmpty();
    }

    @Test
    void ctrlCWhileRecordingStopsTheLabBeforeItsScorecardAndLeavesNoProcess() throws Exception {
        lab = start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!err().contains("live: recording") && lab.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(err()).contains("live: recording");
        List<ProcessHandle> started = children(lab.pid());
        assertThat(started).as("stable, baseline, canary, traffic-gen").hasSizeGreaterThanOrEqualTo(4);
        // SIGTERM, which the lab treats as Ctrl-C: a JVM started from a background shell ignores SIGINT.
        new ProcessBuilder("kill", "-TERM", Long.toString(lab.pid())).start().waitFor();
        assertThat(lab.waitFor(40, TimeUnit.SECONDS)).as("stopped after Ctrl-C; stderr:%n%s", err()).isTrue();
        assertThat(lab.exitValue()).as(err()).isIn(130, 143);
        assertThat(Files.readString(dir.resolve("out"), StandardCharsets.UTF_8)).doesNotContain("Live scorecard");
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < gone) {
            Thread.sleep(100);
        }
        assertThat(started.stream().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private Process start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/lab-cli.jar", "evaluate", "--live", "--trials", "2", "--scenarios", "A/A (no change)",
                "--duration", "20s", "--warm-up", "5s", "--sample-app-jar", SAMPLE_JAR, "--traffic-gen-jar",
                TRAFFIC_JAR));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
    }

    private String err() throws Exception {
        return Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    }

    /** The lab's instances (--exit-with-parent) and its watched traffic-gen. */
    private static List<ProcessHandle> children(long pid) {
        String instance = "--exit-with-parent " + pid;
        String watched = "lab-parent-watch " + pid;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(instance) || c.contains(watched)).orElse(false)).toList();
    }

    private static String jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().toString();
    }
}
