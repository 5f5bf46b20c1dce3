package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.latencies;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A bound is the canary's alone (Argo's successCondition), but the baseline beside it says whether the release
 * broke it. On a starved CI machine v1 and v2 both had a p99 above "p99 <= 1 s", and the healthy v2 was rolled back
 * as "v2 is slower (tail-latency): p99 2.33 s vs 2.47 s on v1", although it was faster. When the baseline breaks the
 * bound the same way, the metric is INCONCLUSIVE: not a pass (the bound is broken), not the release's fault.
 */
class BoundOnBothTest {

    private static MetricSpec tailWithBound() {
        return Configs.tail().withBound(new Bound(Bound.Statistic.P99, 1000.0, null));
    }

    @Test
    void aP99BoundBrokenByBothTracksIsInconclusiveAndSaysBoth() {
        // Median 1 s (50 ms x 20): both p99s near 2.9 s, far above 1 s; the canary is no worse than the baseline.
        Judgement j = judge(Configs.of(tailWithBound()), "tail-latency",
                MetricData.values(latencies(1, 2000, 20)), MetricData.values(latencies(2, 2000, 20)));
        MetricResult r = only(j);
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.test()).endsWith(Judge.BOUND_ON_BOTH);
        assertThat(r.reason()).matches("tail-latency: canary p99 [\\d.]+ s and baseline p99 [\\d.]+ s are both"
                + " above the bound max 1 s: the environment breaks it, not the release; .*: INCONCLUSIVE.*");
        assertThat(j.verdict()).as("a critical metric open").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aP99BoundBrokenByTheCanaryAloneStillFails() {
        // Baseline median 50 ms (p99 about 140 ms), canary median 1 s.
        Judgement j = judge(Configs.of(tailWithBound()), "tail-latency",
                MetricData.values(latencies(1, 2000, 1)), MetricData.values(latencies(2, 2000, 20)));
        assertThat(only(j).classification()).isEqualTo(Classification.HIGH);
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aCanaryWorseThanABaselineThatAlsoBreaksTheBoundFailsOnTheComparison() {
        // Both above 1 s, but the canary's tail is twice the baseline's: the tail test itself fails it.
        MetricResult r = only(judge(Configs.of(tailWithBound()), "tail-latency",
                MetricData.values(latencies(1, 2000, 20)), MetricData.values(latencies(2, 2000, 40))));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.test()).doesNotEndWith(Judge.BOUND_ON_BOTH);
    }

    @Test
    void anErrorRatioBoundBrokenByBothIsInconclusive() {
        MetricSpec errors = Configs.errors().withBound(new Bound(Bound.Statistic.RATIO, 0.01, null));
        // 18 in 600 on each track: 3% against at most 1%, binomial p = 5.07e-5 on each (scipy.stats.binomtest).
        MetricResult both = only(judge(Configs.of(errors), "errors", MetricData.counts(600, 18),
                MetricData.counts(600, 18)));
        assertThat(both.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(both.reason()).startsWith("errors: canary ratio 3.0% and baseline ratio 3.0% are both above the"
                + " bound max 1.0%");
        // Against a baseline within the bound (8 in 600) the same canary fails: ComplaintsTest.
    }

    @Test
    void aBaselineThatBreaksAMinBoundDoesNotExcuseACanaryAboveAMax() {
        // Bound 100 <= mean <= 200: the baseline is below the min, the canary above the max, not the same way.
        // Three values a track: Mann-Whitney's smallest p is 0.1, so the comparison stays open and the bound decides.
        MetricSpec gauge = MetricSpec.of("payload", "resources", MetricKind.GAUGE)
                .withBound(new Bound(Bound.Statistic.MEAN, 200.0, 100.0));
        MetricResult r = only(judge(Configs.of(gauge), "payload", MetricData.values(50, 52, 48),
                MetricData.values(300, 302, 298)));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.reason()).startsWith("payload: canary mean 300 above the bound max 200");
    }
}
