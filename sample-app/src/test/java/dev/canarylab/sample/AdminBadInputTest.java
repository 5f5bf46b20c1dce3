package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every malformed or out-of-range request to {@code /admin/faults} in {@code admin-bad-inputs.csv} is answered 400
 * with its reason in the JSON field {@code error}, and leaves the faults as they were.
 */
class AdminBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SampleApp app;
    private static Http http;
    private static String before;

    @BeforeAll
    static void start() {
        app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--error-rate", "0.25", "--crash-exit-code", "3");
        http = new Http(app.port());
        before = http.get("/admin/faults").body();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvFileSource(resources = "/admin-bad-inputs.csv", delimiterString = "|", numLinesToSkip = 1, quoteCharacter = '`')
    void isRefusedWithItsReasonAndChangesNothing(String method, String body, int status, String error) throws Exception {
        Http.Answer a = http.send(method, "/admin/faults", body.equals("<empty>") ? "" : body, null);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode answer = JSON.readTree(a.body());
        assertThat(answer.path("error").asText()).startsWith(error).doesNotContain("\n");
        assertThat(http.get("/admin/faults").body()).isEqualTo(before);
    }
}
