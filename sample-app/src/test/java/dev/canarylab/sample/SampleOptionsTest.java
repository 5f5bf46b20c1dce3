package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleOptionsTest {

    @Test
    void defaultsDescribeAHealthyStableV1() {
        SampleConfig c = SampleOptions.parse();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.separateManagementPort()).isFalse();
        assertThat(c.version()).isEqualTo("v1");
        assertThat(c.track()).isEqualTo(SampleConfig.Track.stable);
        assertThat(c.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void faultFlagsBecomeTheStartupFaults() {
        SampleConfig c = SampleOptions.parse("--version", "v3", "--color", "yellow", "--track", "CANARY", "--seed", "42",
                "--latency", "250ms", "--latency-ratio", "0.3", "--error-rate", "0.05", "--unready", "--management-port", "9090");
        assertThat(c.track()).isEqualTo(SampleConfig.Track.canary);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.managementPort()).isEqualTo(9090);
        assertThat(c.separateManagementPort()).isTrue();
        assertThat(c.faults().latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.faults().latencyRatio()).isEqualTo(0.3);
        assertThat(c.faults().errorRate()).isEqualTo(0.05);
        assertThat(c.faults().unready()).isTrue();
    }

    @Test
    void badFlagsGiveOneLineNamingTheFlag() {
        assertOneLine(() -> SampleOptions.parse("--error-rate", "1.5"), "--error-rate must be between 0 and 1, got 1.5");
        assertOneLine(() -> SampleOptions.parse("--latency", "5parsecs"), "--latency");
        assertOneLine(() -> SampleOptions.parse("--frobnicate"), "Unknown option: '--frobnicate'");
        assertOneLine(() -> SampleOptions.parse("--track", "prod"), "--track");
        assertOneLine(() -> SampleOptions.parse("--port", "70000"), "--port must be between 0");
        assertOneLine(() -> SampleOptions.parse("--management-port", "admin"), "--management-port must be a port number");
        assertOneLine(() -> SampleOptions.parse("--color", "red;background:url(x)"), "--color must be a CSS colour");
        assertOneLine(() -> SampleOptions.parse("--seed", "lucky"), "--seed must be a whole number");
        assertOneLine(() -> SampleOptions.parse("--host", "999.1.1.1"), "--host must be an IP address or a host name that resolves, got '999.1.1.1'");
        assertOneLine(() -> SampleOptions.parse("--host", " "), "--host must be an IP address");
    }

    private static void assertOneLine(Runnable parse, String expected) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(SampleOptions.UsageException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
