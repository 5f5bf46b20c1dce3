package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import dev.canarylab.lab.analysis.TrackPair;
import org.junit.jupiter.api.Test;

/** Verdict sentences built from real judgements of the default config's metrics. */
class NarrationTest {

    private static final CanaryConfig DEFAULTS = ConfigLoader.defaults();

    private static CanaryConfig only(String... metrics) {
        return DEFAULTS.withMetrics(java.util.Arrays.stream(metrics)
                .map(m -> DEFAULTS.metric(m).orElseThrow()).toList());
    }

    /** Log-normal latencies around {@code medianMs}. */
    private static MetricData latencies(long seed, int n, double medianMs) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = medianMs * Math.exp(0.3 * random.nextGaussian());
        }
        return new MetricData.Values(v);
    }

    private static Judgement judge(CanaryConfig config, Map<String, TrackPair> data) {
        return new Judge(config).judge(data);
    }

    private static MetricResult result(Judgement j, String metric) {
        return j.results().stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aSlowCanaryLeadsWithTheJudgedMeanRatioAndShiftThenTheP95ThatAgrees() {
        Judgement j = judge(only("latency", "errors"), Map.of(
                "latency", new TrackPair(latencies(1, 800, 50), latencies(2, 800, 90)),
                "errors", new TrackPair(new MetricData.Counts(800, 0), new MetricData.Counts(800, 0))));
        MetricResult latency = result(j, "latency");
        String s = Narration.verdict(j, "v3", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(s).startsWith("v3 is slower (latency): mean " + Format.value(latency.canary().mean(), "ms") + " vs "
                + Format.value(latency.baseline().mean(), "ms") + " on v1 (" + Format.ratio(latency.meanRatio())
                + ", allowed 1.10x), shift " + Format.ratio(latency.estimate()) + ", p95 "
                + Format.value(latency.canary().p95(), "ms") + " vs " + Format.value(latency.baseline().p95(), "ms")
                + ". ")
                .contains("latency 0/")
                .contains("score 0 < marginal 75")
                .endsWith(": FAIL.");
        assertThat(latency.meanRatio()).isBetween(1.6, 2.0);
    }

    @Test
    void anErrorSpikeIsDescribedWithCountsRatesAndAllowance() {
        Judgement j = judge(only("latency", "errors"), Map.of(
                "latency", new TrackPair(latencies(1, 2000, 50), latencies(2, 2000, 50)),
                "errors", new TrackPair(new MetricData.Counts(2000, 2), new MetricData.Counts(2000, 100))));
        String s = Narration.verdict(j, "v4", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(s).startsWith("v4 fails 5.0% of its requests (100 of 2000) vs 0.10% on v1 (50x, allowed 2.00x"
                + " and +1.0%")
                .contains("errors 0/1")
                .endsWith(": FAIL.");
    }

    @Test
    void restartsAreDescribedAsTotalsAgainstTheirBound() {
        double[] none = new double[20];
        double[] some = new double[20];
        for (int i = 0; i < 10; i++) {
            some[2 * i] = 1;
        }
        Judgement j = judge(only("restarts"), Map.of("restarts", new TrackPair(new MetricData.Values(none),
                new MetricData.Values(some))));
        String s = Narration.verdict(j, "v6", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(s).startsWith("v6 restarted 10 times against 0 for v1 in the same time")
                .contains("(bound total <= ")
                .endsWith(": FAIL.");
    }

    @Test
    void restartsFromNoneLeadOverASlightlySlowerLatencyWhichIsNamedToo() {
        double[] none = new double[20];
        double[] some = new double[20];
        for (int i = 0; i < 10; i++) {
            some[2 * i] = 1;
        }
        Map<String, TrackPair> data = new LinkedHashMap<>();
        data.put("latency", new TrackPair(latencies(1, 800, 50), latencies(2, 800, 65)));
        data.put("restarts", new TrackPair(new MetricData.Values(none), new MetricData.Values(some)));
        Judgement j = judge(only("latency", "restarts"), data);
        String s = Narration.verdict(j, "v6", "v1");

        assertThat(result(j, "latency").classification()).isEqualTo(dev.canarylab.lab.analysis.Classification.HIGH);
        assertThat(s).startsWith("v6 restarted 10 times against 0 for v1 in the same time (bound total <= ")
                .contains("; latency HIGH too. Groups ")
                .endsWith(": FAIL.");
    }

    @Test
    void aPassSaysHowManyMetricsPassedWithLatencyEvidenceAndTheScore() {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        data.put("latency", new TrackPair(latencies(1, 3000, 50), latencies(2, 3000, 50)));
        data.put("errors", new TrackPair(new MetricData.Counts(3000, 0), new MetricData.Counts(3000, 0)));
        Judgement j = judge(only("latency", "errors"), data);
        MetricResult latency = result(j, "latency");
        String s = Narration.verdict(j, "v2", "v1");

        assertThat(j.verdict()).as(j.reason()).isEqualTo(Verdict.PASS);
        assertThat(s).startsWith("v2 behaves like v1: 2 of 2 metrics pass (latency: mean "
                + Format.value(latency.canary().mean(), "ms") + " vs " + Format.value(latency.baseline().mean(), "ms")
                + ", " + Format.ratio(latency.meanRatio()) + ", allowed 1.10x; p95 "
                + Format.value(latency.canary().p95(), "ms") + " vs " + Format.value(latency.baseline().p95(), "ms")
                + "; 3000 vs 3000 requests)")
                .contains("score 100 >= pass 95")
                .endsWith(": PASS.");
    }

    @Test
    void tooFewRequestsSaysWhatIsMissingAndNeverPasses() {
        Judgement j = judge(only("latency", "errors"), Map.of(
                "latency", new TrackPair(latencies(1, 6, 50), latencies(2, 6, 50)),
                "errors", new TrackPair(new MetricData.Counts(6, 0), new MetricData.Counts(6, 0))));
        String s = Narration.verdict(j, "v2", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s).startsWith("Not enough evidence yet: latency inconclusive (needs about ")
                .contains("more per track")
                .doesNotContain("PASS")
                .endsWith(": INCONCLUSIVE.");
    }

    @Test
    void aBoundBothVersionsBreakHoldsTheReleaseBackWithoutBlamingIt() {
        // A starved machine: both p99s about 2 s against the default "p99 <= 1 s", the canary no slower. This was
        // "v2 is slower (tail-latency): p99 2.33 s vs 2.47 s on v1" and a rollback of a healthy release.
        Judgement j = judge(only("tail-latency"), Map.of(
                "tail-latency", new TrackPair(latencies(1, 3000, 1000), latencies(2, 3000, 1000))));
        String s = Narration.verdict(j, "v2", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s).matches("v2 and v1 both break the bound p99 <= 1 s \\(tail-latency: p99 [\\d.]+ s vs [\\d.]+ s on"
                + " v1\\): the machine or the traffic, not the release\\. Groups .*: INCONCLUSIVE\\.")
                .doesNotContain("slower");
    }

    @Test
    void actionsNameBothVersionsAndWhereTrafficGoes() {
        assertThat(Narration.action(RolloutOutcome.PROMOTED, "v1", "v2"))
                .isEqualTo("Promoting: v2 becomes stable and gets 100% of traffic.");
        for (RolloutOutcome o : List.of(RolloutOutcome.ROLLED_BACK, RolloutOutcome.INCONCLUSIVE,
                RolloutOutcome.ABORTED)) {
            assertThat(Narration.action(o, "v1", "v3")).contains("100% of traffic").contains("to v1")
                    .contains("v3 removed");
        }
    }

    @Test
    void aWeightSentenceSplitsTrafficBetweenNewBaselineAndStable() {
        assertThat(Narration.weight(25, "v2", "v1", true))
                .isEqualTo("25% of traffic to v2, 25% to the baseline, 50% to stable v1.");
        assertThat(Narration.weight(25, "v2", "v1", false)).isEqualTo("25% of traffic to v2, 75% to stable v1.");
    }

    @Test
    void aDeploySentenceSaysBesideWhatAndHowManyReplicas() {
        assertThat(Narration.deployed("v2", "v1", false, true, 2))
                .isEqualTo("Deployed v2 as the canary and a fresh baseline of v1 (2 replicas each), no traffic yet.");
        assertThat(Narration.deployed("v2", "v1", true, false, 1))
                .isEqualTo("Deployed v2 beside v1 (1 replica each), no traffic yet.");
    }

    @Test
    void aCanaryPromotedWithoutAnalysisIsSaidToBeUnjudged() {
        assertThat(Narration.canaryPassed("v2", List.of(), null))
                .isEqualTo("Every step done; no analysis ran in this strategy, so v2 is promoted unjudged.");
        assertThat(Narration.canaryPassed("v2", List.of("step 2 analysis", "step 4 analysis"), Verdict.INCONCLUSIVE))
                .isEqualTo("v2 passed step 2 analysis, step 4 analysis (background analysis INCONCLUSIVE, no failure).");
        assertThat(Narration.canaryPassed("v2", List.of("step 2 analysis"), Verdict.PASS))
                .isEqualTo("v2 passed step 2 analysis.");
    }

    @Test
    void blueGreenSentencesNameThePreviewTheSwitchAndTheAnalysesPassed() {
        assertThat(Narration.preview("v2", "X-Track", "http://127.0.0.1:8080", "v1")).isEqualTo(
                "v2 is reachable on the preview route (header X-Track: canary at http://127.0.0.1:8080); users still get v1.");
        assertThat(Narration.switched("v2", "v1"))
                .isEqualTo("Switched: 100% of traffic to v2; v1 keeps running for an instant switch back.");
        assertThat(Narration.blueGreenPassed("v2", List.of("pre-promotion analysis", "post-promotion analysis")))
                .isEqualTo("v2 passed pre-promotion analysis and post-promotion analysis.");
        assertThat(Narration.blueGreenPassed("v2", List.of())).isEqualTo("v2 passed no analysis.");
        assertThat(Narration.prePromotion(20, "v2", "v1", "every 10s for 1m", true)).isEqualTo("Pre-promotion analysis:"
                + " 20 requests/s on the preview route, shared by v2 and a fresh baseline of v1, every 10s for 1m"
                + " (a smoke test: it fails on evident regressions only).");
    }

    @Test
    void analysisSentencesSayWhatIsComparedAndWhyItIsExtended() {
        assertThat(Narration.analysisStarted("step 3 analysis", "v3", "v1", "every 10s for 1m"))
                .isEqualTo("Started step 3 analysis: v3 vs v1, a look every 10s for 1m.");
        assertThat(Narration.extended("step 3 analysis", "too few requests", java.time.Duration.ofMinutes(1)))
                .isEqualTo("step 3 analysis is not conclusive yet (too few requests); extended by 1m instead of"
                        + " deciding without evidence.");
        assertThat(Narration.backgroundStarted(java.time.Duration.ofSeconds(10))).isEqualTo("Background analysis"
                + " runs through every step: a look every 10s, stopping the rollout on a failure.");
    }

    @Test
    void aPauseWithoutDurationMentionsEnterOnlyWithATerminal() {
        assertThat(Narration.pausedUntilPromoted(true)).isEqualTo(
                "Paused until promoted: run 'lab promote' or press Enter to go on, 'lab rollback' to stop.");
        assertThat(Narration.pausedUntilPromoted(false)).doesNotContain("Enter");
    }

    @Test
    void anEndingSaysWhyThenWhereTrafficGoes() {
        assertThat(Narration.ending(Narration.stopped("Ctrl-C"), RolloutOutcome.ABORTED, "v1", "v2"))
                .isEqualTo("Stopped: Ctrl-C. Aborted: 100% of traffic to v1, v2 removed.");
        assertThat(Narration.started("v2", "v1", "canary", "safe", "the router's telemetry"))
                .isEqualTo("Rolling out v2 over v1 with the canary strategy 'safe', judged on the router's telemetry.");
    }
}
