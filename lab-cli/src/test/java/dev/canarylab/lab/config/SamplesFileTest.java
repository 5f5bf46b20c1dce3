package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.TrackPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesFileTest {

    private static final CanaryConfig CONFIG = ConfigLoader.defaults();

    @Test
    void readsValuesCountsMissingValuesAndDuration() {
        SamplesFile.Samples s = SamplesFile.parse("""
                {"durationSeconds": 30, "metrics": {
                  "latency": {"baseline": [1.5, null, null], "canary": [2]},
                  "errors": {"baseline": {"total": 100, "errors": 0}, "canary": {"total": 90, "errors": 3}}}}
                """, "s.json", CONFIG);
        assertThat(s.durationSeconds()).isEqualTo(30.0);
        MetricData.Values b = (MetricData.Values) s.metrics().get("latency").baseline();
        assertThat(b.values()[0]).isEqualTo(1.5);
        assertThat(b.values()[1]).isNaN();
        assertThat(b.values()[2]).isNaN();
        assertThat(s.metrics().get("errors").canary()).isEqualTo(MetricData.counts(90, 3));
    }

    @Test
    void writesWhatItReads() {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        data.put("latency", new TrackPair(MetricData.values(1, Double.NaN), MetricData.values(3)));
        data.put("errors", new TrackPair(MetricData.counts(10, 1), MetricData.counts(12, 0)));
        String json = SamplesFile.write(data, 12.5);
        SamplesFile.Samples back = SamplesFile.parse(json, "export.json", CONFIG);
        assertThat(back.durationSeconds()).isEqualTo(12.5);
        assertThat(((MetricData.Values) back.metrics().get("latency").baseline()).values()[1]).isNaN();
        assertThat(back.metrics().get("errors").baseline()).isEqualTo(MetricData.counts(10, 1));
    }

    @Test
    void badInputIsOneLineNamingTheSpot() {
        assertThat(message("{\"metrics\": {\"latncy\": {\"canary\": [1]}}}"))
                .isEqualTo("s.json: metrics.latncy is not a metric of the config; did you mean latency? (it has: latency,"
                        + " tail-latency, "
                        + "errors, payload-size, cpu, heap, restarts)");
        assertThat(message("{\"metrics\": {\"errors\": {\"canary\": [1, 2]}}}"))
                .isEqualTo("s.json: metrics.errors.canary must be {\"total\": N, \"errors\": K} for an error-ratio"
                        + " metric");
        assertThat(message("{\"metrics\": {\"errors\": {\"canary\": {\"total\": 5, \"errors\": 6}}}}"))
                .isEqualTo("s.json: metrics.errors.canary has more errors (6) than requests (5)");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [1, \"slow\"]}}}"))
                .isEqualTo("s.json: metrics.latency.canary[1] must be a number");
        assertThat(message("{\"metrics\": {\"latency\": {\"canery\": [1]}}}"))
                .startsWith("s.json: metrics.latency.canery is not a known field");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [1]}}")).startsWith("s.json: not valid JSON at line 1");
        assertThat(message("[]")).isEqualTo("s.json: must be an object");
        assertThat(message("{\"metrics\": {\"restarts\": {\"canary\": [0, 1.5]}}}"))
                .isEqualTo("s.json: metrics.restarts.canary[1] must be a whole number of events per step for a count"
                        + " metric");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [1e400]}}}"))
                .startsWith("s.json: metrics.latency.canary[0] must be a finite number");
        assertThat(message("{}")).startsWith("s.json: metrics: missing");
    }

    private static String message(String json) {
        try {
            SamplesFile.parse(json, "s.json", CONFIG);
        } catch (LabException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aNegativeNanOrInfiniteMeasurementIsRefusedNamingTheMetricAndTrack() {
        // A canary with the baseline's signs flipped used to be judged, and PASSED.
        assertThat(message("{\"metrics\": {\"latency\": {\"baseline\": [12, -40.5], \"canary\": [1]}}}"))
                .isEqualTo("s.json: metrics.latency.baseline[1] is -40.5: a latency cannot be negative");
        assertThat(message("{\"metrics\": {\"cpu\": {\"canary\": [0.2, -0.1]}}}"))
                .isEqualTo("s.json: metrics.cpu.canary[1] is -0.1: a ratio cannot be negative");
        assertThat(message("{\"metrics\": {\"heap\": {\"canary\": [-150]}}}"))
                .isEqualTo("s.json: metrics.heap.canary[0] is -150: a gauge cannot be negative");
        assertThat(message("{\"metrics\": {\"restarts\": {\"baseline\": [-1]}}}"))
                .isEqualTo("s.json: metrics.restarts.baseline[0] is -1: a count cannot be negative");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [1, NaN]}}}"))
                .isEqualTo("s.json: metrics.latency.canary[1] is NaN: a latency must be a number (null marks a"
                        + " missing value)");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [-Infinity]}}}"))
                .startsWith("s.json: metrics.latency.canary[0] must be a finite number");
        assertThat(message("{\"metrics\": {\"latency\": {\"canary\": [Infinity]}}}"))
                .startsWith("s.json: metrics.latency.canary[0] must be a finite number");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWhileReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"metrics\": {\"latency\": {\"canary\": [" + "1, ".repeat(400) + "1]}}}");
        assertThatThrownBy(() -> SamplesFile.read(file, CONFIG, 1000, 10_000))
                .hasMessage(file + ": larger than 1000 bytes, the most lab reads from a samples file");
        assertThat(SamplesFile.read(file, CONFIG, 10_000, 10_000).metrics()).containsKey("latency");
    }

    @Test
    void moreValuesThanTheLimitAreRefusedWhileReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file,
                "{\"metrics\": {\"latency\": {\"baseline\": [1, 2, 3], \"canary\": [1, null, 3]}}}");
        assertThatThrownBy(() -> SamplesFile.read(file, CONFIG, 10_000, 5))
                .hasMessage(file + ": more than 5 values, the most lab reads from a samples file");
        assertThat(SamplesFile.read(file, CONFIG, 10_000, 6).metrics()).containsKey("latency");
    }

    @Test
    void anEndlessFileIsRefusedInOneLine() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero));
        assertThatThrownBy(() -> SamplesFile.read(zero, CONFIG)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("/dev/zero: not valid JSON at line 1");
        assertThatThrownBy(() -> ConfigLoader.load(zero)).isInstanceOf(LabException.class)
                .hasMessage("/dev/zero: larger than 1 MB, the most lab reads from a canary config");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> SamplesFile.read(java.nio.file.Path.of("/nonexistent.json"), CONFIG))
                .hasMessage("/nonexistent.json: no such file");
    }
}
