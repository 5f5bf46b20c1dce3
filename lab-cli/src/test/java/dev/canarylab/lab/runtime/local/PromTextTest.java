package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromTextTest {

    // The shape of sample-app's /metrics (Micrometer's Prometheus registry).
    private static final String TEXT = """
            # HELP process_cpu_seconds_total CPU time
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total{track="canary",version="v5"} 3.25
            jvm_memory_used_bytes{area="heap",id="eden",track="canary",version="v5"} 1000.0
            jvm_memory_used_bytes{area="heap",id="old",track="canary",version="v5"} 2.5E3
            jvm_memory_used_bytes{area="nonheap",id="Metaspace",track="canary",version="v5"} 99999.0
            jvm_memory_used_bytes_extra{area="heap"} 7
            """;

    @Test
    void sumsTheMatchingSamplesOfAMetricAndNothingElse() {
        assertThat(PromText.sum(TEXT, "process_cpu_seconds_total", null)).isEqualTo(3.25);
        assertThat(PromText.sum(TEXT, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(3500.0);
        assertThat(PromText.sum(TEXT, "no_such_metric", null)).isNaN();
    }
}
