package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.LabProcess;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime commands' answers when no lab runs or the input is wrong: one line, a documented exit code. */
class LabCommandsTest {

    @TempDir
    Path dir;

    @Test
    void commandsThatNeedALabSayNoneIsRunning() {
        for (String[] args : new String[][] {{"status"}, {"deploy", "v2"}, {"weight", "10"}, {"promote"},
            {"rollback"}, {"traffic", "start", "--rps", "5"}, {"traffic", "stop"}}) {
            String[] withDir = append(args, "--state-dir", dir.toString());
            Run r = Run.lab(withDir);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.NOT_RUNNING);
            assertThat(r.err().lines()).as(String.join(" ", args)).containsExactly(
                    "lab: error: no lab is running here (no live lab in " + dir.resolve("state.json") + "); start one with 'lab up -d'");
        }
    }

    @Test
    void downWithoutALabIsNotAnError() {
        Run r = Run.lab("down", "--state-dir", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no lab was running");
    }

    @Test
    void upRefusesAMissingCatalogueOrJarWithItsExitCode() {
        Run noCatalog = Run.lab("up", "--catalog", dir.resolve("none.yaml").toString(), "--state-dir", dir.toString());
        assertThat(noCatalog.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCatalog.err()).startsWith("lab: error: no version catalogue at ");

        Run noJar = Run.lab("up", "--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar", dir.resolve("x.jar").toString(),
                "--state-dir", dir.toString());
        assertThat(noJar.exitCode()).isEqualTo(ExitCodes.MISSING_JAR);
        assertThat(noJar.err().lines()).containsExactly("lab: error: sample-app jar not found at " + dir.resolve("x.jar")
                + "; build it with ./mvnw -pl sample-app package, or run scripts/lab");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(Run.lab("weight", "ten", "--state-dir", dir.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Run.lab("deploy", "v2", "--track", "prod", "--state-dir", dir.toString()).err())
                .contains("unknown track 'prod'; expected stable, baseline or canary");
        assertThat(Run.lab("up", "--port", "http").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void everyRuntimeCommandHasHelpThatPicocliCanFormat() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            for (String c : new String[] {"up", "down", "status", "deploy", "weight", "promote", "rollback", "traffic"}) {
                Run r = Run.lab(c, "--help");
                assertThat(r.exitCode()).as(c).isZero();
                assertThat(r.out()).as(c).startsWith("Usage: lab " + c);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(warnings.toString()).as("picocli's warnings, e.g. a bare % in a description").isEmpty();
    }

    private static String[] append(String[] a, String... more) {
        String[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    @Test
    void badPrometheusFlagsAreOneLineWithTheirExitCode() {
        String d = dir.toString();
        Run both = Run.lab("up", "--prometheus", "--prometheus-url", "http://127.0.0.1:9090", "--state-dir", d);
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).isEqualTo("lab: error: --prometheus-url reads from a running Prometheus and "
                + "--prometheus starts one: give only one of them\n");
        Run notUrl = Run.lab("up", "--prometheus-url", "localhost:9090", "--state-dir", d);
        assertThat(notUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notUrl.err()).isEqualTo("lab: error: --prometheus-url must be an http:// or https:// URL such as "
                + "http://127.0.0.1:9090, got 'localhost:9090'\n");
        Run noBin = Run.lab("up", "--prometheus-bin", dir.resolve("prometheus").toString(), "--state-dir", d);
        assertThat(noBin.exitCode()).isEqualTo(ExitCodes.MISSING_JAR);
        assertThat(noBin.err()).isEqualTo("lab: error: --prometheus-bin " + dir.resolve("prometheus")
                + " is not an executable file\n");
    }

    /** A state file left by a lab that died, whose pid the system has since given to {@code other}. */
    private void staleStateNaming(Process other) {
        new StateFile(dir).write(new LabState(other.pid(), "http://127.0.0.1:1", "http://127.0.0.1:8080", "t",
                Instant.now(), null, LabProcess.current()));
    }

    @Test
    void downWithAStaleStateFileNamingAnotherProcessLeavesItRunningAndRemovesTheFile() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            staleStateNaming(other);
            Run r = Run.lab("down", "--state-dir", dir.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines()).containsExactly("lab down: no lab was running (removed the stale "
                    + dir.resolve("state.json") + ": its lab (pid " + other.pid() + ") is gone and pid " + other.pid()
                    + " now belongs to another process, which was left alone)");
            assertThat(other.waitFor(1, TimeUnit.SECONDS)).as("the other process was signalled").isFalse();
            assertThat(dir.resolve("state.json")).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void upWithAStaleStateFileNamingAnotherProcessIsNotRefusedAsAlreadyRunning() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            staleStateNaming(other);
            Run r = Run.lab("up", "--catalog", dir.resolve("none.yaml").toString(), "--state-dir", dir.toString());
            assertThat(r.exitCode()).as("refused for the catalogue, not as already running: %s", r.err())
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines()).hasSize(2).first().asString().startsWith("lab: removed the stale ");
            assertThat(r.err().lines().skip(1)).first().asString().startsWith("lab: error: no version catalogue at ");
            assertThat(dir.resolve("state.json")).doesNotExist();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void commandsThatNeedALabDoNotTalkToAProcessThatMerelyHasTheLabsOldPid() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            staleStateNaming(other);
            Run r = Run.lab("status", "--state-dir", dir.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
            assertThat(r.err()).startsWith("lab: error: no lab is running here");
        } finally {
            other.destroyForcibly();
        }
    }
}
