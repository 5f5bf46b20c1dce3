package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Prometheus and the lab's judge read from {@code /metrics}. */
class MetricsEndpointTest {

    @Test
    void requestsAreCountedByRouteTemplateWithVersionAndTrack() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--version", "v2", "--color", "green",
                "--track", "canary", "--error-rate", "0.5", "--seed", "1")) {
            Http http = new Http(app.port());
            int errors = 0;
            for (int i = 0; i < 40; i++) {
                errors += http.get("/api/stories").status() == 500 ? 1 : 0;
            }
            http.get("/no/such/page/123");
            http.get("/another/unknown/path");
            String metrics = http.get("/metrics").body();

            String stories = "uri=\"/api/stories\"";
            String canary = "track=\"canary\"";
            assertThat(MetricsText.value(metrics, "http_server_requests_seconds_count", stories, "status=\"500\"", "outcome=\"SERVER_ERROR\"", canary, "version=\"v2\""))
                    .isEqualTo(errors);
            assertThat(MetricsText.value(metrics, "http_server_requests_seconds_count", stories, "status=\"200\"", "outcome=\"SUCCESS\""))
                    .isEqualTo(40 - errors);
            assertThat(MetricsText.value(metrics, "http_server_requests_seconds_count", "uri=\"NOT_FOUND\"")).isEqualTo(2);
            assertThat(metrics).doesNotContain("/no/such/page").doesNotContain("/another/unknown");
            assertThat(metrics).contains("http_server_requests_seconds_bucket{").contains("le=\"0.1\"").contains("le=\"+Inf\"");
            assertThat(MetricsText.value(metrics, "app_info", "colour=\"green\"", "version=\"v2\"")).isEqualTo(1);
            assertThat(MetricsText.value(metrics, "sample_fault_error_rate")).isEqualTo(0.5);
            assertThat(MetricsText.value(metrics, "sample_faults_injected_total", "fault=\"error\"")).isEqualTo(errors);
            assertThat(MetricsText.value(metrics, "http_server_response_size_bytes_count", stories, "status=\"200\""))
                    .isEqualTo(40 - errors);
            assertThat(metrics).contains("jvm_memory_used_bytes{", "process_cpu_usage", "jvm_gc_", "jvm_threads_live_threads", "process_uptime_seconds", "process_cpu_seconds_total");
        }
    }

    @Test
    void faultGaugesFollowChangesMadeAtRuntime() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0")) {
            Http http = new Http(app.port());
            assertThat(MetricsText.value(http.get("/metrics").body(), "sample_fault_latency_seconds")).isZero();
            http.send("PUT", "/admin/faults", "{\"latency\": \"250ms\", \"latencyRatio\": 0.3, \"unready\": true}", null);
            String metrics = http.get("/metrics").body();
            assertThat(MetricsText.value(metrics, "sample_fault_latency_seconds")).isEqualTo(0.25);
            assertThat(MetricsText.value(metrics, "sample_fault_latency_ratio")).isEqualTo(0.3);
            assertThat(MetricsText.value(metrics, "sample_fault_unready")).isEqualTo(1);
        }
    }

    @Test
    void responseSizesShowThePayloadBloat() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--payload-bloat", "100KB")) {
            Http http = new Http(app.port());
            int body = http.get("/api/stories").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            double recorded = MetricsText.value(http.get("/metrics").body(), "http_server_response_size_bytes_sum", "uri=\"/api/stories\"");
            assertThat(recorded).isEqualTo(body).isGreaterThan(100_000);
        }
    }
}
