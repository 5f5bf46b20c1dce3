package dev.canarylab.lab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentWatchTest {

    @TempDir
    Path dir;

    /** A child that says when it gets SIGTERM and exits 7, so that the test sees a graceful stop. */
    private List<String> child() {
        return List.of("sh", "-c", "trap 'echo TERM > " + dir.resolve("got") + "; exit 7' TERM; sleep 60 & wait");
    }

    @Test
    void theCommandGetsSigtermWhenTheParentDiesEvenBySigkill() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        Process watched = new ProcessBuilder(ParentWatch.wrap(parent.pid(), child())).start();
        try {
            Thread.sleep(500);
            assertThat(watched.isAlive()).isTrue();
            parent.destroyForcibly().waitFor();
            assertThat(watched.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of its parent").isTrue();
            assertThat(watched.exitValue()).isEqualTo(7);
            assertThat(Files.readString(dir.resolve("got"))).isEqualTo("TERM\n");
        } finally {
            watched.destroyForcibly();
            parent.destroyForcibly();
        }
    }

    @Test
    void sigtermToTheWatchReachesTheCommandAndItsExitCodeComesBack() throws Exception {
        Process watched = new ProcessBuilder(ParentWatch.wrap(ProcessHandle.current().pid(), child())).start();
        try {
            Thread.sleep(500);
            watched.destroy();
            assertThat(watched.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watched.exitValue()).isEqualTo(7);
            assertThat(Files.readString(dir.resolve("got"))).isEqualTo("TERM\n");
        } finally {
            watched.destroyForcibly();
        }
    }
}
