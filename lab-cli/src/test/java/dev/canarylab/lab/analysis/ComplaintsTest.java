package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.latencies;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The complaints users file against Kayenta, Argo and Flagger, and the verdicts canary-lab gives instead. */
class ComplaintsTest {

    @Test
    void canaryWithNoDataNeverPasses() {
        CanaryConfig config = Configs.of(Configs.latency(), Configs.errors());
        Judgement j = new Judge(config).judge(Map.of(
                "latency", new TrackPair(MetricData.values(latencies(1, 500, 1)), MetricData.values()),
                "errors", new TrackPair(MetricData.counts(500, 2), null)));
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(j.results()).extracting(MetricResult::classification).containsOnly(Classification.NODATA);
        assertThat(j.reason()).contains("no data").contains("score forced to 0");
    }

    @Test
    void halfTheMetricsWithoutDataForceTheScoreToZeroEvenIfNoneIsCritical() {
        MetricSpec a = MetricSpec.of("a", "g", MetricKind.GAUGE);
        MetricSpec b = MetricSpec.of("b", "g", MetricKind.GAUGE);
        Judgement j = new Judge(Configs.of(a, b)).judge(Map.of("a", new TrackPair(MetricData.values(1, 2, 3),
                MetricData.values(1, 2, 3))));
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(j.reason()).contains("1 of 2 metrics have no data");
    }

    @Test
    void sparseErrorsWithAnErrorFreeBaselineFail() {
        Judgement j = judge(Configs.of(Configs.errors()), "errors", MetricData.counts(1000, 0),
                MetricData.counts(1000, 40));
        assertThat(only(j).classification()).isEqualTo(Classification.HIGH);
        // scipy.stats.fisher_exact([[40, 960], [0, 1000]], alternative='greater'): 6.109e-13
        assertThat(only(j).pValue()).isCloseTo(6.109435658608568e-13, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void oneErrorInTenRequestsIsInconclusiveNotPass() {
        Judgement j = judge(Configs.of(Configs.errors()), "errors", MetricData.counts(10, 0),
                MetricData.counts(10, 1));
        // scipy.stats.fisher_exact([[1, 9], [0, 10]], alternative='greater'): 0.5
        assertThat(only(j).pValue()).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(only(j).classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(only(j).needMore()).isPositive();
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void noErrorsInTenRequestsIsNotAPassEither() {
        Judgement j = judge(Configs.of(Configs.errors()), "errors", MetricData.counts(10, 0),
                MetricData.counts(10, 0));
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aSlowTailThatMannWhitneyMissesFailsTheQuantileTest() {
        // 2% of canary requests are 10x slower: the ranks barely move, p99 moves about 4x.
        double[] baseline = latencies(5, 3000, 1);
        double[] canary = latencies(6, 3000, 1);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < canary.length; i++) {
            if (random.nextDouble() < 0.02) {
                canary[i] *= 10;
            }
        }
        CanaryConfig config = Configs.of(Configs.latency(), Configs.tail());
        Judgement j = new Judge(config).judge(Map.of(
                "latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary)),
                "tail-latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary))));
        assertThat(j.results().get(0).classification()).isEqualTo(Classification.PASS);
        assertThat(j.results().get(1).classification()).isEqualTo(Classification.HIGH);
        assertThat(j.results().get(1).reason()).startsWith("tail-latency: p99 ").contains("allowed 1.50x");
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void smallSamplesAreInconclusiveWithHowMuchMoreIsNeeded() {
        Judgement j = new Judge(Configs.of(Configs.latency())).judge(
                Map.of("latency", new TrackPair(MetricData.values(latencies(1, 8, 1)),
                        MetricData.values(latencies(2, 8, 1)))), Look.single(0.98), 4.0);
        MetricResult r = only(j);
        assertThat(r.classification()).isEqualTo(Classification.INCONCLUSIVE);
        assertThat(r.needMore()).isGreaterThan(50);
        assertThat(r.needSeconds()).isPositive();
        assertThat(r.reason()).contains("need about " + r.needMore() + " more requests per track (~");
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void enoughSamplesOfAnUnchangedVersionPass() {
        Judgement j = judge(Configs.of(Configs.latency()), "latency", MetricData.values(latencies(1, 2000, 1)),
                MetricData.values(latencies(2, 2000, 1)));
        assertThat(j.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void twentyPercentSlowerFailsAndSaysWhy() {
        Judgement j = judge(Configs.of(Configs.latency()), "latency", MetricData.values(latencies(1, 600, 1)),
                MetricData.values(latencies(2, 600, 1.2)));
        MetricResult r = only(j);
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.test()).isEqualTo("mann-whitney");
        assertThat(r.estimate()).isBetween(1.1, 1.35);
        assertThat(r.lower()).isGreaterThan(1.0).isLessThan(r.estimate());
        assertThat(r.upper()).isGreaterThan(r.estimate());
        assertThat(r.baseline().count()).isEqualTo(600);
        assertThat(r.canary().p99()).isGreaterThan(r.baseline().p50());
        assertThat(r.reason()).matches("latency: mean \\d+(\\.\\d)? ms vs \\d+(\\.\\d)? ms \\(1\\.\\d\\dx\\), shift "
                + "1\\.\\d\\dx, interval 1\\.\\d\\dx-1\\.\\d\\dx, allowed 1\\.10x, p=.*: HIGH");
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void absoluteBoundNeedsEvidenceNotOneUnluckyRequest() {
        MetricSpec errors = Configs.errors().withBound(new Bound(Bound.Statistic.RATIO, 0.01, null));
        // 1 error in 10 is 10% > 1%, but binomial P(X >= 1 | 10, 0.01) = 0.0956 (scipy.stats.binomtest).
        MetricResult small = only(judge(Configs.of(errors), "errors", MetricData.counts(10, 1),
                MetricData.counts(10, 1)));
        assertThat(small.classification()).isEqualTo(Classification.INCONCLUSIVE);
        // 18 in 600 against 1%: p = 5.07e-5 (scipy.stats.binomtest): a violation, beside a baseline within the bound
        // (8 in 600: p = 0.255), against which the canary's 3% is not beyond the allowed 2x: the bound alone fails it.
        // A baseline that breaks the bound too: BoundOnBothTest.
        MetricResult clear = only(judge(Configs.of(errors), "errors", MetricData.counts(600, 8),
                MetricData.counts(600, 18)));
        assertThat(clear.classification()).isEqualTo(Classification.HIGH);
        assertThat(clear.reason()).startsWith("errors: canary ratio 3.0% above the bound max 1.0%");
    }

    @Test
    void restartsBeyondTheirBoundFailEvenWithoutSignificance() {
        MetricSpec restarts = MetricSpec.of("restarts", "resources", MetricKind.COUNT).withCritical(true, false)
                .withBound(new Bound(Bound.Statistic.TOTAL, 2.0, null));
        Judgement j = judge(Configs.of(restarts), "restarts", MetricData.values(0, 0, 0, 0, 0, 0),
                MetricData.values(1, 0, 1, 0, 1, 0));
        // The Poisson comparison alone: 3 of 3 events on the canary, P = 0.5^3 = 0.125 (scipy binomtest).
        assertThat(only(j).pValue()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(only(j).classification()).isEqualTo(Classification.HIGH);
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }
}
