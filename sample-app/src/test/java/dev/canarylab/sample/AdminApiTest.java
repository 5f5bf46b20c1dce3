package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code /admin/faults}: faults change at runtime, and only for whoever holds the token. */
class AdminApiTest {

    private static final String TOKEN = "s3cret-token";

    @Test
    void putReplacesPatchChangesAndDeleteClearsTheFaults() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--admin-token", TOKEN)) {
            Http http = new Http(app.port());
            assertThat(http.get("/api/color").status()).isEqualTo(200);

            Http.Answer put = http.send("PUT", "/admin/faults", "{\"errorRate\": 1, \"payloadBloat\": \"1KiB\"}", TOKEN);
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body()).contains("\"errorRate\":1.0", "100% errors");
            assertThat(http.get("/api/color").status()).isEqualTo(500);

            Http.Answer patch = http.send("PATCH", "/admin/faults", "{\"latency\": \"150ms\"}", TOKEN);
            assertThat(patch.body()).contains("\"errorRate\":1.0", "\"latency\":\"150ms\"");
            Http.Answer slowError = http.get("/api/stories");
            assertThat(slowError.status()).isEqualTo(500);
            assertThat(slowError.millis()).isGreaterThanOrEqualTo(150);

            Http.Answer replaced = http.send("PUT", "/admin/faults", "{\"latency\": \"10ms\"}", TOKEN);
            assertThat(replaced.body()).contains("\"errorRate\":0.0");
            assertThat(http.get("/api/color").status()).isEqualTo(200);

            assertThat(http.send("DELETE", "/admin/faults", null, TOKEN).body()).contains("\"active\":[]");
            assertThat(http.send("GET", "/admin/faults", null, TOKEN).body()).contains("\"latency\":\"0\"");
        }
    }

    @Test
    void aGetBodyCanBePutBackUnchanged() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--error-rate", "0.25", "--latency", "5ms")) {
            Http http = new Http(app.port());
            String current = http.get("/admin/faults").body();
            Http.Answer put = http.send("PUT", "/admin/faults", current, null);
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body()).isEqualTo(current);
        }
    }

    @Test
    void missingOrWrongTokenIsRefusedAndChangesNothing() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--admin-token", TOKEN)) {
            Http http = new Http(app.port());
            assertThat(http.send("PUT", "/admin/faults", "{\"errorRate\": 1}", null).status()).isEqualTo(401);
            assertThat(http.send("PUT", "/admin/faults", "{\"errorRate\": 1}", "guess").status()).isEqualTo(401);
            assertThat(http.send("DELETE", "/admin/faults", null, null).status()).isEqualTo(401);
            assertThat(http.get("/admin/faults").status()).isEqualTo(401);
            assertThat(http.get("/api/color").status()).isEqualTo(200);
        }
    }

    @Test
    void invalidFaultsAreRefusedWithAReason() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--error-rate", "0.5")) {
            Http http = new Http(app.port());
            assertBadRequest(http, "{\"errorRate\": 2}", "errorRate must be between 0 and 1");
            assertBadRequest(http, "{\"latency\": \"3 fortnights\"}", "unknown unit 'fortnights'");
            assertBadRequest(http, "{\"eror\": 0.1}", "unknown fault 'eror'");
            assertBadRequest(http, "not json", "expected a JSON object");
            assertBadRequest(http, "[1, 2]", "expected a JSON object");
            assertThat(http.get("/admin/faults").body()).contains("\"errorRate\":0.5");
        }
    }

    private static void assertBadRequest(Http http, String body, String reason) {
        Http.Answer a = http.send("PUT", "/admin/faults", body, null);
        assertThat(a.status()).as(body).isEqualTo(400);
        assertThat(a.body()).as(body).contains(reason);
    }

    @Test
    void aSeparateManagementPortKeepsAdminAndMetricsOffTheApplicationPort() {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--management-port", "0")) {
            Http main = new Http(app.port());
            Http management = new Http(app.managementPort());
            assertThat(app.managementPort()).isNotEqualTo(app.port());
            assertThat(main.get("/metrics").status()).isEqualTo(404);
            assertThat(main.get("/admin/faults").status()).isEqualTo(404);
            assertThat(management.get("/metrics").status()).isEqualTo(200);
            assertThat(management.get("/admin/faults").status()).isEqualTo(200);
            assertThat(management.get("/health/ready").status()).isEqualTo(200);
        }
    }
}
