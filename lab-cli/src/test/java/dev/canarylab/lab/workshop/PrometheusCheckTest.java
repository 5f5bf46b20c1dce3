package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusCheckTest {

    @TempDir
    Path dir;

    @Test
    void v3JudgedOnTheRoutersTelemetrySaysToStartTheLabWithPrometheus() {
        Attendee.Said said = new Attendee(dir).report("config-v3-rolled-back").check("prometheus");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: your last rollout of v3 was judged on embedded router telemetry"
                + " (config-v3-rolled-back.json); hint: 'lab down', 'lab up -d --prometheus', then 'lab rollout v3'");
    }

    @Test
    void v3RolledBackOnPrometheusIsDoneAndShowsThePromQlOfTheFailedMetric() {
        Attendee.Said said = new Attendee(dir).report("config-v3-rolled-back").report("prometheus-v3")
                .check("prometheus");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).startsWith("done: v3 was rolled back on Prometheus at http://")
                .contains("; the PromQL behind it: ").contains("http_server_requests_seconds");
    }
}
