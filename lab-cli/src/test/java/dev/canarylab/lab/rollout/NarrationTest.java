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
    void aSlowCanaryIsDescribedWithItsP95TheRatioAndTheAllowance() {
        Judgement j = judge(only("latency", "errors"), Map.of(
                "latency", new TrackPair(latencies(1, 800, 50), latencies(2, 800, 90)),
                "errors", new TrackPair(new MetricData.Counts(800, 0), new MetricData.Counts(800, 0))));
        MetricResult latency = result(j, "latency");
        String s = Narration.verdict(j, "v3", "v1");

        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(s).startsWith("v3 is slower (latency): p95 " + Format.value(latency.canary().p95(), "ms") + " vs "
                + Format.value(latency.baseline().p95(), "ms") + " on v1")
                .contains("mean " + Format.ratio(latency.meanRatio()))
                .contains("(allowed 1.10x)")
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
        assertThat(s).startsWith("v4 fails 5.0% of its requests (100 of 2000) vs 0.10% on v1")
                .contains("allowed 2.00x and +1.0%")
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
    void aPassSaysHowManyMetricsPassedWithLatencyEvidenceAndTheScore() {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        data.put("latency", new TrackPair(latencies(1, 3000, 50), latencies(2, 3000, 50)));
        data.put("errors", new TrackPair(new MetricData.Counts(3000, 0), new MetricData.Counts(3000, 0)));
        Judgement j = judge(only("latency", "errors"), data);
        MetricResult latency = result(j, "latency");
        String s = Narration.verdict(j, "v2", "v1");

        assertThat(j.verdict()).as(j.reason()).isEqualTo(Verdict.PASS);
        assertThat(s).startsWith("v2 behaves like v1: 2 of 2 metrics pass (p95 "
                + Format.value(latency.canary().p95(), "ms") + " vs " + Format.value(latency.baseline().p95(), "ms")
                + ", 3000 vs 3000 requests)")
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
    void actionsNameBothVersionsAndWhereTrafficGoes() {
        assertThat(Narration.action(RolloutOutcome.PROMOTED, "v1", "v2"))
                .isEqualTo("Promoting: v2 becomes stable and gets 100% of traffic.");
        for (RolloutOutcome o : List.of(RolloutOutcome.ROLLED_BACK, RolloutOutcome.INCONCLUSIVE,
                RolloutOutcome.ABORTED)) {
            assertThat(Narration.action(o, "v1", "v3")).contains("100% of traffic").contains("to v1")
                    .contains("v3 removed");
        }
    }
}
