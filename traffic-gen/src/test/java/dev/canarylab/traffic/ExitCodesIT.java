package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.sample.SampleApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The exit codes a CI job relies on, from the built jar as a user runs it. */
class ExitCodesIT {

    @Test
    void failingAssertionExitsOneAndNamesIt() throws Exception {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--error-rate", "0.2", "--seed", "1")) {
            Processes.Outcome r = Processes.runJar(Map.of(), "--target", "http://127.0.0.1:" + app.port(),
                    "--rps", "20", "--duration", "3s", "--no-report", "--progress-every", "0",
                    "--assert-success-pct", "99", "--assert-p95-ms", "5000");
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.ASSERTION_FAILED);
            assertThat(r.err()).contains("traffic-gen: assertion failed: success-pct was ")
                    .doesNotContain("p95-ms was");
            assertThat(r.out()).contains("assertion passed: p95-ms", "total");
        }
    }

    @Test
    void closedPortExitsThreeWithOneLineBeforeAnyLoad() throws Exception {
        int port = Processes.closedPort();
        Processes.Outcome r = Processes.runJar(Map.of(), "--target", "http://127.0.0.1:" + port, "--duration", "5s");
        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .startsWith("traffic-gen: error: cannot reach http://127.0.0.1:" + port);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void targetThatNeverAnswersExitsThree() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Processes.Outcome r = Processes.runJar(Map.of(), "--target", "http://127.0.0.1:" + silent.getLocalPort(),
                    "--rps", "5", "--duration", "2s", "--timeout", "500ms", "--no-report", "--progress-every", "0");
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.err()).contains("traffic-gen: error: none of 10 requests got a response");
            assertThat(r.out()).contains("error: no response: timed out x10");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void badSettingFromTheEnvironmentExitsTwo() throws Exception {
        Processes.Outcome r = Processes.runJar(Map.of("TRAFFIC_SHAPE", "zigzag"), "--duration", "5s");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .isEqualTo("traffic-gen: error: unknown shape 'zigzag' (use one of constant, ramp, spike, steps, sine)");
    }
}
