package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-step aggregates (ten values a track, as from Prometheus) where most of the canary's steps are far slower:
 * a significant change beyond the critical ratio fails, instead of the power guard asking for more data next to
 * p = 0.004 and a 71x mean (issue 15, "Tied data"). Single look at alpha 0.02, the latency metric of the default
 * config (allowed 1.1x, critical 2x).
 */
class JudgeTiedStepsTest {

    private static final double[] BASELINE = {11.5, 11.6, 11.7, 11.8, 11.9, 12.0, 12.1, 12.2, 12.3, 12.4};
    private static final String CONFIG = """
            metrics:
              - {name: latency, kind: latency, critical: true, allowedIncrease: 1.1, criticalIncrease: 2.0}
            """;

    @TempDir
    Path dir;

    private Run judge(double[] canary, String config) throws IOException {
        Path samples = dir.resolve("samples.json");
        Files.writeString(samples, "{\"metrics\": {\"latency\": {\"baseline\": " + json(BASELINE)
                + ", \"canary\": " + json(canary) + "}}}");
        Path yaml = dir.resolve("canary.yaml");
        Files.writeString(yaml, config);
        return Run.lab("judge", "--samples", samples.toString(), "--config", yaml.toString());
    }

    @Test
    void sevenStepsOfTenAHundredTimesSlowerFail() throws IOException {
        // Exact two-sided Mann-Whitney (scipy.stats.mannwhitneyu, method="exact"): U = 87, p = 0.0039; means
        // 853 ms vs 12 ms (71x). It used to read INCONCLUSIVE: "too few samples to detect the allowed change (it
        // could only detect 23x); need about 10908 more requests per track".
        Run run = judge(new double[] {11.85, 12.05, 12.15, 1150, 1180, 1200, 1210, 1230, 1250, 1270}, CONFIG);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).startsWith("Verdict: FAIL").contains("mean 853 ms vs 12 ms (71x)")
                .contains("p=0.0039").doesNotContain("need about");
    }

    @Test
    void withoutACriticalRatioTheAllowedRatioStillFailsIt() throws IOException {
        // Without criticalIncrease the critical-ratio rule does not apply, and need not: the interval is clear of
        // "no change" (the test rejects) and the mean is beyond the allowed 1.1x. No tolerance band holds it back
        // where an allowed ratio applies.
        Run run = judge(new double[] {11.85, 12.05, 12.15, 1150, 1180, 1200, 1210, 1230, 1250, 1270},
                "metrics: [{name: latency, kind: latency, critical: true, allowedIncrease: 1.1}]");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("significant with a mean beyond the critical ratio")
                .doesNotContain("need about");
    }

    @Test
    void aSignificantChangeBelowTheCriticalRatioFailsOnTheAllowedRatio() throws IOException {
        // Same shape, seven steps 1.5x (mean ratio 1.36x < 2x, p = 0.0039): not the critical-ratio rule, but a
        // significant 1.36x against an allowed 1.1x, which fails without asking for more data.
        Run run = judge(new double[] {11.85, 12.05, 12.15, 17.5, 17.8, 18.0, 18.1, 18.3, 18.5, 18.7}, CONFIG);
        assertThat(run.out()).doesNotContain("significant with a mean beyond the critical ratio")
                .startsWith("Verdict: FAIL").doesNotContain("need about");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void oneHugeStepIsNotEvidenceHoweverLargeTheMean() throws IOException {
        // One step at 12 s among nine normal ones: mean ratio 101x, but p = 0.74 (scipy, exact): no FAIL.
        Run run = judge(new double[] {11.55, 11.65, 11.75, 11.85, 11.95, 12.05, 12.15, 12.25, 12.35, 12000}, CONFIG);
        assertThat(run.out()).doesNotContain("significant with a mean beyond the critical ratio")
                .doesNotContain("Verdict: FAIL");
    }

    private static String json(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
