package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.LabState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's token reaches a person at a terminal, never a file, a pipe or a CI log. */
class DashboardAddressTest {

    private static final LabState LAB = new LabState(1, "http://127.0.0.1:41153", "http://127.0.0.1:8080",
            "5f0c9e", Instant.now());

    @Test
    void outputToAFileOrAPipeGetsTheAddressWithoutTheTokenAndHowToGetIt() {
        // This JVM's stdout and stderr are pipes to the test runner, as in CI or in lab.log.
        for (DashboardAddress.Stream s : DashboardAddress.Stream.values()) {
            assertThat(DashboardAddress.forLine(LAB, s, true))
                    .isEqualTo("http://127.0.0.1:41153/lab/ (run `lab dashboard` for the address with its token)");
        }
    }

    @Test
    void onlyAnInteractiveTerminalOutsideCiIsShownTheToken() {
        assertThat(DashboardAddress.atTerminal(true, "/dev/pts/3", Map.of())).isTrue();
        assertThat(DashboardAddress.atTerminal(true, "/dev/tty1", Map.of())).isTrue();
        assertThat(DashboardAddress.atTerminal(true, "/home/ann/.lab/lab.log", Map.of())).isFalse();
        assertThat(DashboardAddress.atTerminal(true, "pipe:[81273]", Map.of())).isFalse();
        assertThat(DashboardAddress.atTerminal(false, "/dev/pts/3", Map.of())).as("stdin or stdout redirected").isFalse();
        assertThat(DashboardAddress.atTerminal(true, "/dev/pts/3", Map.of("CI", "true"))).as("a CI job's terminal").isFalse();
        assertThat(DashboardAddress.atTerminal(true, "/dev/pts/3", Map.of("CI", "false"))).isTrue();
    }
}
