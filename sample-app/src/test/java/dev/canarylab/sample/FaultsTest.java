package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void noFaultIsActiveByDefault() {
        assertThat(Faults.NONE.describe()).isEmpty();
        assertThat(Faults.NONE.latencyActive()).isFalse();
        assertThat(Faults.NONE.crashActive()).isFalse();
    }

    @Test
    void theAdminShapeReadsBackToTheSameFaults() {
        Faults f = Faults.fromMap(Map.of("latency", "250ms", "latencyRatio", 0.3, "errorRate", 0.05,
                "payloadBloat", "64KiB", "unready", true), Faults.NONE);
        assertThat(Faults.fromMap(f.toMap(), Faults.NONE)).isEqualTo(f);
        assertThat(f.describe()).containsExactly("latency 250ms on 30% of requests", "5% errors", "payload +64KiB", "never ready");
    }

    @Test
    void fieldsLeftOutKeepTheirBaseValue() {
        Faults base = Faults.fromMap(Map.of("errorRate", 0.1), Faults.NONE);
        Faults patched = Faults.fromMap(Map.of("latency", "1s"), base);
        assertThat(patched.errorRate()).isEqualTo(0.1);
        assertThat(patched.latency()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void impossibleValuesAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> Faults.fromMap(Map.of("errorRate", 1.5), Faults.NONE))
                .hasMessage("errorRate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("errorRate", -0.01), Faults.NONE))
                .hasMessageContaining("errorRate must be between 0 and 1");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("latencyRatio", Double.NaN), Faults.NONE))
                .hasMessageContaining("latencyRatio");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("latency", "250"), Faults.NONE))
                .hasMessageStartingWith("latency: missing unit");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("latency", 250), Faults.NONE))
                .hasMessageContaining("expected a duration string");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("crashExitCode", 0), Faults.NONE))
                .hasMessageContaining("between 1 and 255");
        assertThatThrownBy(() -> Faults.fromMap(Map.of("errorRat", 0.1), Faults.NONE))
                .hasMessageStartingWith("unknown fault 'errorRat'");
    }
}
