package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCommandTest {

    @TempDir
    Path dir;

    private static String latencies(long seed, int n, double factor) {
        SplittableRandom r = new SplittableRandom(seed);
        return Arrays.stream(new double[n]).map(x -> Math.round(500 * factor * Math.exp(0.45 * r.nextGaussian())) / 10.0)
                .mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private Path samples(String json) throws IOException {
        Path f = dir.resolve("samples.json");
        Files.writeString(f, json);
        return f;
    }

    private Path config(String yaml) throws IOException {
        Path f = dir.resolve("canary.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String LATENCY_AND_ERRORS = """
            scoring: {marginal: 75, pass: 95}
            metrics:
              - {name: latency, kind: latency, critical: true, allowedIncrease: 1.1}
              - {name: errors, kind: error-ratio, critical: true}
            """;

    @Test
    void unchangedCanaryPassesWithExitZero() throws IOException {
        Path s = samples("{\"metrics\": {\"latency\": {\"baseline\": " + latencies(1, 2000, 1) + ", \"canary\": "
                + latencies(2, 2000, 1) + "}, \"errors\": {\"baseline\": {\"total\": 2000, \"errors\": 1},"
                + " \"canary\": {\"total\": 2000, \"errors\": 2}}}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config", config(LATENCY_AND_ERRORS).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Verdict: PASS");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void slowCanaryFailsWithExitOneAndExplainsItself() throws IOException {
        Path s = samples("{\"metrics\": {\"latency\": {\"baseline\": " + latencies(1, 600, 1) + ", \"canary\": "
                + latencies(2, 600, 1.5) + "}, \"errors\": {\"baseline\": {\"total\": 600, \"errors\": 0},"
                + " \"canary\": {\"total\": 600, \"errors\": 0}}}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config", config(LATENCY_AND_ERRORS).toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("Verdict: FAIL").contains("latency (critical) is HIGH")
                .contains("METRIC").contains("mann-whitney").containsPattern("latency: mean .* allowed 1.10x.*: HIGH");
    }

    @Test
    void tooFewRequestsAreInconclusiveWithExitThree() throws IOException {
        Path s = samples("{\"durationSeconds\": 10, \"metrics\": {\"errors\": {\"baseline\": {\"total\": 10,"
                + " \"errors\": 0}, \"canary\": {\"total\": 10, \"errors\": 1}}}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config",
                config("metrics: [{name: errors, kind: error-ratio, critical: true}]").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).startsWith("Verdict: INCONCLUSIVE").contains("s at the current rate");
    }

    @Test
    void defaultConfigIsUsedWhenNoneIsGiven() throws IOException {
        Path s = samples("{\"metrics\": {\"errors\": {\"baseline\": {\"total\": 1000, \"errors\": 0},"
                + " \"canary\": {\"total\": 1000, \"errors\": 40}}}}");
        Run run = Run.lab("judge", "--samples", s.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("restarts").contains("errors *");
    }

    @Test
    void jsonOutputCarriesTheEvidence() throws IOException {
        Path s = samples("{\"metrics\": {\"latency\": {\"baseline\": " + latencies(1, 600, 1) + ", \"canary\": "
                + latencies(2, 600, 1.5) + "}, \"errors\": {\"baseline\": {\"total\": 600, \"errors\": 0},"
                + " \"canary\": {\"total\": 600, \"errors\": 0}}}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config", config(LATENCY_AND_ERRORS).toString(),
                "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("verdict").asText()).isEqualTo("FAIL");
        JsonNode latency = root.get("metrics").get(0);
        assertThat(latency.get("result").asText()).isEqualTo("HIGH");
        for (String field : new String[] {"test", "pValue", "estimate", "lower", "upper", "meanRatio", "cles",
            "reason"}) {
            assertThat(latency.hasNonNull(field)).as(field).isTrue();
        }
        assertThat(latency.get("thresholds").get("allowedIncrease").asDouble()).isEqualTo(1.1);
        assertThat(latency.get("thresholds").get("alpha").asDouble()).isCloseTo(0.02,
                org.assertj.core.data.Offset.offset(1e-9));
        for (String stat : new String[] {"count", "mean", "p50", "p95", "p99", "min", "max"}) {
            assertThat(latency.get("canary").hasNonNull(stat)).as(stat).isTrue();
        }
        assertThat(latency.get("canary").get("count").asInt()).isEqualTo(600);
    }

    private static final String FIVE_METRICS = """
            metrics:
              - {name: latency, kind: latency, critical: true, allowedIncrease: 1.1}
              - {name: errors, kind: error-ratio, critical: true}
              - {name: cpu, kind: ratio, power: 0}
              - {name: heap, kind: gauge, unit: MB}
              - {name: payload-size, kind: gauge, unit: bytes}
            """;

    @Test
    void aPassWithMetricsWithoutDataNamesThemAndWarnsOfEachMissingMetric() throws IOException {
        // Kayenta leaves NODATA out of the score: two of five metrics missing still PASS, but must be named.
        Path s = samples("{\"metrics\": {\"latency\": {\"baseline\": " + latencies(1, 2000, 1) + ", \"canary\": "
                + latencies(2, 2000, 1) + "}, \"errors\": {\"baseline\": {\"total\": 2000, \"errors\": 1},"
                + " \"canary\": {\"total\": 2000, \"errors\": 2}}, \"cpu\": {\"baseline\": [0.2, 0.21, 0.19],"
                + " \"canary\": [0.2, 0.2, 0.22]}}}");
        Path c = config(FIVE_METRICS);
        Run run = Run.lab("judge", "--samples", s.toString(), "--config", c.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Verdict: PASS")
                .contains("; no data for heap, payload-size (left out of the score): PASS");
        assertThat(run.err()).isEqualTo("lab: warning: " + s + " has no samples for metric 'heap' of the config; it is"
                + " judged NODATA\nlab: warning: " + s + " has no samples for metric 'payload-size' of the config; it"
                + " is judged NODATA\n");

        Run json = Run.lab("judge", "--samples", s.toString(), "--config", c.toString(), "--json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("verdict").asText()).isEqualTo("PASS");
        assertThat(root.get("noData").toString()).isEqualTo("[\"heap\",\"payload-size\"]");
        assertThat(root.get("reason").asText()).contains("no data for heap, payload-size");
    }

    @Test
    void aCanaryWithTheBaselinesSignsFlippedIsRefused() throws IOException {
        // It used to PASS: every "latency" of the canary was below the baseline's.
        String baseline = latencies(1, 300, 1);
        String flipped = baseline.replace("[", "[-").replace(",", ",-");
        Path s = samples("{\"metrics\": {\"latency\": {\"baseline\": " + baseline + ", \"canary\": " + flipped
                + "}}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config", config(LATENCY_AND_ERRORS).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("lab: error: " + s + ": metrics.latency.canary[0] is -")
                .contains(": a latency cannot be negative").hasLineCount(1);
    }

    @Test
    void unknownMetricIsBadInputInOneLine() throws IOException {
        Path s = samples("{\"metrics\": {\"latncy\": {\"baseline\": [1], \"canary\": [2]}}}");
        Run run = Run.lab("judge", "--samples", s.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("lab: error: " + s + ": metrics.latncy is not a metric of the config; did"
                + " you mean latency?").hasLineCount(1);
    }

    @Test
    void malformedFileIsBadInputInOneLine() throws IOException {
        Path s = samples("{\"metrics\": {\"latency\": [1, 2");
        Run run = Run.lab("judge", "--samples", s.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("lab: error: " + s + ": not valid JSON").hasLineCount(1);
    }

    @Test
    void missingFilesAreBadInput() {
        Run run = Run.lab("judge", "--samples", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lab: error: " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void badConfigIsBadInput() throws IOException {
        Path s = samples("{\"metrics\": {}}");
        Run run = Run.lab("judge", "--samples", s.toString(), "--config",
                config("metrics: [{name: a, kind: latency, direction: up}]").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).endsWith("metrics[0].direction 'up' is not one of: increase, decrease, either\n")
                .hasLineCount(1);
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        Run missing = Run.lab("judge");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("lab: error: Missing required option: '--samples=FILE' (see 'lab judge"
                + " --help')\n");
        Run unknown = Run.lab("judge", "--samples", "x.json", "--colour");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).hasLineCount(1).contains("--colour");
        Run none = Run.lab();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("lab: error: missing subcommand (see 'lab --help')\n");
    }

    @Test
    void helpListsTheExitCodes() {
        Run help = Run.lab("judge", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--samples=FILE").contains("Exit codes:").contains("3    MARGINAL or INCONCLUSIVE").contains("10   ERROR");
    }
}
