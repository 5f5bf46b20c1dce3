package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final Thresholds THRESHOLDS = Thresholds.of(MetricSpec.of("m", "g", MetricKind.GAUGE));

    private static MetricResult result(String name, String group, Classification c, boolean critical) {
        return new MetricResult(name, List.of(group), MetricKind.GAUGE, "", c, critical,
                critical && c.isFailure(), false, "t", Double.NaN, 0.02, Double.NaN, Double.NaN, Double.NaN, "ratio",
                Double.NaN, Double.NaN, THRESHOLDS, Stats.EMPTY, Stats.EMPTY, null, null, name + ": " + c, name);
    }

    private static CanaryConfig weighted() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("latency", 40.0);
        weights.put("errors", 40.0);
        weights.put("resources", 20.0);
        return new CanaryConfig(List.of(), weights, 75, 95, 0.98, 0.8, 0.25, AnalysisPlan.defaults());
    }

    private static Judgement score(MetricResult... results) {
        return Scorer.score(weighted(), new ArrayList<>(List.of(results)), Look.single(0.98));
    }

    @Test
    void groupScoresAreWeighedLikeKayenta() {
        Judgement j = score(result("latency", "latency", Classification.PASS, false),
                result("tail", "latency", Classification.HIGH, false),
                result("errors", "errors", Classification.PASS, false),
                result("cpu", "resources", Classification.PASS, false));
        // latency 1/2 * 40 + errors 40 + resources 20 = 80: between marginal 75 and pass 95.
        assertThat(j.score()).isEqualTo(80.0);
        assertThat(j.verdict()).isEqualTo(Verdict.MARGINAL);
        assertThat(j.reason()).isEqualTo("score 80 (latency 1/2, errors 1/1, resources 1/1), marginal 75, pass 95:"
                + " MARGINAL");
    }

    @Test
    void aCriticalFailureForcesZero() {
        Judgement j = score(result("latency", "latency", Classification.HIGH, true),
                result("errors", "errors", Classification.PASS, false));
        assertThat(j.score()).isZero();
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void inconclusiveEvidenceThatCannotChangeTheOutcomeDoesNotHoldTheVerdict() {
        // cpu open: the score is 96 if it fails, 100 if it passes: PASS either way... with 10 resources metrics.
        List<MetricResult> results = new ArrayList<>();
        results.add(result("latency", "latency", Classification.PASS, true));
        results.add(result("errors", "errors", Classification.PASS, true));
        for (int i = 0; i < 9; i++) {
            results.add(result("r" + i, "resources", Classification.PASS, false));
        }
        results.add(result("cpu", "resources", Classification.INCONCLUSIVE, false));
        Judgement j = Scorer.score(weighted(), results, Look.single(0.98));
        assertThat(j.scoreLow()).isEqualTo(98.0);
        assertThat(j.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void inconclusiveEvidenceThatCouldChangeTheOutcomeMakesTheVerdictInconclusive() {
        Judgement j = score(result("latency", "latency", Classification.PASS, false),
                result("errors", "errors", Classification.PASS, false),
                result("cpu", "resources", Classification.INCONCLUSIVE, false));
        assertThat(j.scoreLow()).isEqualTo(80.0);
        assertThat(j.scoreHigh()).isEqualTo(100.0);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reason()).contains("depending on cpu");
    }

    @Test
    void anInconclusiveCriticalMetricNeverPasses() {
        Judgement j = score(result("latency", "latency", Classification.PASS, false),
                result("errors", "errors", Classification.INCONCLUSIVE, true),
                result("cpu", "resources", Classification.PASS, false));
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reason()).startsWith("critical metric errors not yet conclusive");
    }

    @Test
    void failingEvenIfEverythingOpenPassedIsAFail() {
        Judgement j = score(result("latency", "latency", Classification.HIGH, false),
                result("tail", "latency", Classification.HIGH, false),
                result("errors", "errors", Classification.INCONCLUSIVE, true),
                result("cpu", "resources", Classification.PASS, false));
        assertThat(j.scoreHigh()).isEqualTo(60.0);
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void noDataOnAMetricThatMustHaveDataCountsAsAFailure() {
        MetricResult must = new MetricResult("latency", List.of("latency"), MetricKind.LATENCY, "ms",
                Classification.NODATA, false, false, true, "none", Double.NaN, 0.02, Double.NaN, Double.NaN,
                Double.NaN, "ratio", Double.NaN, Double.NaN, THRESHOLDS, Stats.EMPTY, Stats.EMPTY, null, null,
                "latency: no canary samples: NODATA", "latency: no canary samples");
        Judgement j = score(must, result("tail", "latency", Classification.PASS, false),
                result("errors", "errors", Classification.PASS, false),
                result("cpu", "resources", Classification.PASS, false));
        assertThat(j.score()).isEqualTo(80.0);
    }

    @Test
    void anUnreadableMetricMakesTheVerdictErrorNeverAPass() {
        // One resources metric in ten open would still PASS (see above) if it were merely inconclusive.
        List<MetricResult> results = new ArrayList<>();
        results.add(result("latency", "latency", Classification.PASS, true));
        results.add(result("errors", "errors", Classification.PASS, true));
        for (int i = 0; i < 9; i++) {
            results.add(result("r" + i, "resources", Classification.PASS, false));
        }
        results.add(result("cpu", "resources", Classification.ERROR, false));
        Judgement j = Scorer.score(weighted(), results, Look.single(0.98));
        assertThat(j.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(j.reason()).isEqualTo("1 of 12 metrics could not be judged: cpu: ERROR");
    }

    @Test
    void aClearFailureElsewhereStillFailsWhenAMetricIsUnreadable() {
        Judgement j = score(result("latency", "latency", Classification.HIGH, true),
                result("cpu", "resources", Classification.ERROR, false));
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }
}
