package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab dashboard}: the running lab's page address with its token, or one line saying there is no lab. */
class DashboardCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsThePageOfTheRunningLabWithItsToken() {
        new StateFile(dir).write(new LabState(ProcessHandle.current().pid(), "http://127.0.0.1:41153",
                "http://127.0.0.1:8080", "abc123", Instant.now()));
        Run r = Run.lab("dashboard", "--state-dir", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly("http://127.0.0.1:41153/lab/?token=abc123");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutALabItSaysSoWithItsExitCode() {
        Run r = Run.lab("dashboard", "--open", "--state-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(r.err().lines()).containsExactly("lab: error: no lab is running here (no live lab in "
                + dir.resolve("state.json") + "); start one with 'lab up -d'");
        assertThat(r.out()).isEmpty();
    }
}
