package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessExitTest {

    @Test
    void saysSoWhenTheProcessHasExited() throws Exception {
        Process p = new ProcessBuilder("sleep", "0.1").start();
        assertThat(ProcessExit.await(p.toHandle(), Duration.ofSeconds(30))).isTrue();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aProcessThatExitedButWasNotYetCollectedHasExited() throws Exception {
        // A child that exits while nobody waits for it stays a zombie until collected, as an orphan does until init
        // collects it. ProcessBuilder's own reaper would collect it at once: a shell's child is not collected by
        // the shell while it sleeps.
        Process shell = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 30").start();
        try {
            long child = Long.parseLong(shell.inputReader().readLine().strip());
            ProcessHandle handle = ProcessHandle.of(child).orElseThrow();
            assertThat(ProcessExit.await(handle, Duration.ofSeconds(30))).isTrue();
            assertThat(ProcessExit.zombie(child)).isTrue();
            assertThat(handle.isAlive()).as("the JDK still counts a zombie as alive").isTrue();
        } finally {
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void givesUpAtTheTimeoutOnAProcessThatStillRuns() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessExit.await(p.toHandle(), Duration.ofMillis(100))).isFalse();
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
