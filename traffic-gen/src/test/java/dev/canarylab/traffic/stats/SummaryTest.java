package dev.canarylab.traffic.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.traffic.ExitCodes;
import dev.canarylab.traffic.shape.Profile;
import dev.canarylab.traffic.shape.Shape;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final Profile FIFTY_FOR_TEN = new Profile(new Shape.Constant(50), Duration.ofSeconds(10));
    private static final Duration TEN = Duration.ofSeconds(10);

    /** 500 requests, 400 to /a and 100 to /b, of which {@code failed} to /b fail with HTTP 500. */
    private static Recorder recorder(int failed) {
        Recorder r = new Recorder(List.of("GET /a", "GET /b"), 1000);
        for (int i = 0; i < 500; i++) {
            r.sent(i * 20_000_000L);
            boolean toB = i % 5 == 0;
            boolean ko = toB && i / 5 < failed;
            r.finished(toB ? 1 : 0, 10 + i % 10, ko ? 500 : 200, ko ? "HTTP 500" : null);
        }
        return r;
    }

    private static Summary summary(Recorder r, Duration lastSent, Thresholds t) {
        return Summary.of("http://127.0.0.1:1", FIFTY_FOR_TEN, Instant.EPOCH, TEN, lastSent, false, r.snapshot(), t, null);
    }

    @Test
    void ratesCountsAndErrorsPerEndpointAndTotal() {
        Summary s = summary(recorder(10), Duration.ofMillis(9_980), Thresholds.NONE);
        assertThat(s.total().count()).isEqualTo(500);
        assertThat(s.total().rps()).isEqualTo(50.0);
        assertThat(s.requestedRps()).isEqualTo(50.0);
        assertThat(s.plannedRequests()).isEqualTo(500);
        assertThat(s.endpoints().get("GET /a").count()).isEqualTo(400);
        assertThat(s.endpoints().get("GET /b").ko()).isEqualTo(10);
        assertThat(s.endpoints().get("GET /b").rps()).isEqualTo(10.0);
        assertThat(s.errors()).containsEntry("HTTP 500", 10L);
        assertThat(s.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aGeneratorThatFallsBehindShowsAShortfall() {
        // All 500 requests went out, but the last one 12.5 s in: the rate achieved was 40/s, not 50/s.
        Summary s = summary(recorder(0), Duration.ofMillis(12_500), new Thresholds(null, null, null, null, null, 95.0));
        assertThat(s.total().rps()).isEqualTo(40.0);
        assertThat(s.durationSeconds()).isEqualTo(12.5);
        assertThat(s.assertions()).singleElement().satisfies(a -> {
            assertThat(a.passed()).isFalse();
            assertThat(a.actual()).isEqualTo(80.0);
        });
        assertThat(s.exitCode()).isEqualTo(ExitCodes.ASSERTION_FAILED);
    }

    @Test
    void aFailedAssertionExitsOneAndSaysWhy() {
        Summary s = summary(recorder(10), TEN, new Thresholds(99.0, 50.0, null, null, null, null));
        assertThat(s.exitCode()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(s.assertions()).extracting(AssertionResult::describe).containsExactly(
                "assertion failed: success-pct was 98, expected >= 99%",
                "assertion passed: p95-ms was 19, expected <= 50 ms");
    }

    @Test
    void noRequestAnsweredIsUnreachableEvenWithAssertions() {
        Recorder r = new Recorder(List.of("GET /a"), 1000);
        for (int i = 0; i < 20; i++) {
            r.sent(i);
            r.finished(0, 1, null, "no response: connection failed");
        }
        Summary s = summary(r, Duration.ZERO, new Thresholds(99.0, null, null, null, null, null));
        assertThat(s.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void latencyAssertionsFailWhenThereIsNoData() {
        Summary s = summary(new Recorder(List.of("GET /a"), 1000), Duration.ZERO,
                new Thresholds(null, 500.0, null, null, null, null));
        assertThat(s.assertions().get(0).passed()).isFalse();
        assertThat(s.exitCode()).isEqualTo(ExitCodes.ASSERTION_FAILED);
    }

    @Test
    void jsonReadsBackIntoTheSameSummary() throws Exception {
        Summary s = summary(recorder(3), TEN, new Thresholds(90.0, null, null, null, null, null));
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(s);
        assertThat(text).contains("\"p95Ms\"", "\"rps\"", "\"GET /b\"", "\"exitCode\":0");
        assertThat(json.readValue(text, Summary.class)).isEqualTo(s);
    }
}
