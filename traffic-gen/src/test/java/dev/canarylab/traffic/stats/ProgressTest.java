package dev.canarylab.traffic.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.traffic.shape.Profile;
import dev.canarylab.traffic.shape.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void intervalFiguresCoverOnlyTheInterval() {
        Recorder r = new Recorder(List.of("GET /a"), 1000);
        Profile profile = new Profile(new Shape.Constant(20), Duration.ofSeconds(60));
        ProgressReporter reporter = new ProgressReporter(r, profile, false, ProgressReporter.Format.TEXT,
                new PrintStream(new ByteArrayOutputStream()), "http://127.0.0.1:1");
        for (int i = 0; i < 10; i++) {
            r.sent(i);
            r.finished(0, 500, 200, null);
        }
        Snapshot first = r.snapshot();
        for (int i = 0; i < 100; i++) {
            r.sent(i);
            r.finished(0, 5, i < 4 ? 503 : 200, i < 4 ? "HTTP 503" : null);
        }
        Progress p = reporter.between(first, r.snapshot(), 5_000_000_000L, 10_000_000_000L);
        assertThat(p.rps()).isEqualTo(20.0);
        assertThat(p.errorPct()).isEqualTo(4.0);
        assertThat(p.p99Ms()).isEqualTo(5);
        assertThat(p.count()).isEqualTo(110);
        assertThat(p.ko()).isEqualTo(4);
        assertThat(p.targetRps()).isEqualTo(20.0);
        assertThat(p.toText()).isEqualTo(
                "traffic-gen: 0:10/1:00  20.0 rps (target 20.0)  errors 4.0%  p50 5 ms  p95 5 ms  p99 5 ms  total 110 (4 ko)");
    }

    @Test
    void jsonLinesReadBackAndLeaveOutTheTotalOfAnEndlessRun() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Progress endless = new Progress(12.5, null, 50, 49.5, 600, 3, 0.5, 2, 7, 11);
        String line = json.writeValueAsString(endless);
        assertThat(line).doesNotContain("totalSeconds").doesNotContain("\n");
        assertThat(json.readValue(line, Progress.class)).isEqualTo(endless);
        assertThat(endless.toText()).startsWith("traffic-gen: 0:12/until stopped");
    }
}
