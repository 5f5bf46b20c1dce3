package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeCasesTest {

    private static final MetricSpec GAUGE = MetricSpec.of("cpu", "resources", MetricKind.RATIO);

    @Test
    void identicalSamplesPass() {
        double[] v = Configs.latencies(3, 5, 1);
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(v), MetricData.values(v.clone())));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
        assertThat(r.reason()).contains("identical samples");
    }

    @Test
    void constantSamplesPass() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(Configs.repeat(0.25, 6)),
                MetricData.values(Configs.repeat(0.25, 9))));
        assertThat(r.classification()).isEqualTo(Classification.PASS);
        assertThat(r.reason()).contains("every value equal");
    }

    @Test
    void differentConstantsAreJudgedNotWavedThrough() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(Configs.repeat(0.2, 30)),
                MetricData.values(Configs.repeat(0.4, 30))));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.estimate()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aNegativeLatencyIsAnErrorNotAVerdict() {
        // The canary is the baseline with its signs flipped: every request "faster" than the baseline's. It used
        // to PASS; no latency is negative, so a source that says so is broken and must not decide a rollout.
        double[] baseline = Configs.latencies(3, 400, 1);
        double[] flipped = new double[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            flipped[i] = -baseline[i];
        }
        Judgement j = judge(Configs.of(Configs.latency()), "latency", MetricData.values(baseline),
                MetricData.values(flipped));
        assertThat(only(j).classification()).isEqualTo(Classification.ERROR);
        assertThat(only(j).reason()).contains("a latency cannot be negative, yet the canary has -");
        assertThat(j.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void emptyCanaryIsNoData() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(0.2, 0.3), MetricData.values()));
        assertThat(r.classification()).isEqualTo(Classification.NODATA);
        assertThat(r.reason()).isEqualTo("cpu: no canary samples: NODATA");
    }

    @Test
    void emptyBaselineIsNoData() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(), MetricData.values(0.2)));
        assertThat(r.classification()).isEqualTo(Classification.NODATA);
    }

    @Test
    void nanValuesAreRemovedByDefault() {
        // Enough values left (6 vs 5) for Mann-Whitney to reject at 0.02: 2 / C(11, 5) = 0.0043.
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu",
                MetricData.values(0.2, Double.NaN, 0.2, 0.2, 0.2, 0.2, 0.2),
                MetricData.values(Double.NaN, 0.2, 0.2, 0.2, 0.2, 0.2)));
        assertThat(r.baseline().count()).isEqualTo(6);
        assertThat(r.canary().count()).isEqualTo(5);
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void allNanCanaryIsNoDataNotPass() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(0.2, 0.3),
                MetricData.values(Double.NaN, Double.NaN)));
        assertThat(r.classification()).isEqualTo(Classification.NODATA);
    }

    @Test
    void nanValuesCanBeReplaced() {
        MetricSpec replacing = GAUGE.withNan(NanStrategy.REPLACE, 0.0);
        MetricResult r = only(judge(Configs.of(replacing), "cpu", MetricData.values(0.2, 0.2),
                MetricData.values(Double.NaN, 0.2)));
        assertThat(r.canary().count()).isEqualTo(2);
        assertThat(r.canary().min()).isZero();
    }

    @Test
    void mannWhitneyWithTiesMatchesScipy() {
        // scipy.stats.mannwhitneyu(canary, baseline, method='asymptotic', use_continuity=True) on these tied
        // integers: U = 2487.5, p = 0.0002840851981735327, so CLES = U / (60 * 60) = 0.6909722.
        double[] base = new double[60];
        double[] can = new double[60];
        double[] a = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9};
        double[] b = {2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10, 11};
        for (int i = 0; i < 60; i++) {
            base[i] = a[i % 12];
            can[i] = b[i % 12];
        }
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(base), MetricData.values(can)));
        assertThat(r.pValue()).isCloseTo(0.0002840851981735327, within(1e-12));
        assertThat(r.cles()).isCloseTo(0.6909722222222222, within(1e-12));
    }

    @Test
    void zerosSwitchTheShiftToADifference() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.values(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                MetricData.values(0, 1, 2, 3, 4, 5, 6, 7, 8, 10)));
        assertThat(r.scale()).isEqualTo("difference");
        assertThat(r.estimate()).isCloseTo(0.0, within(1.0));
    }

    @Test
    void wrongShapeOfDataIsAnErrorResultNotAVerdictOnGarbage() {
        MetricResult r = only(judge(Configs.of(GAUGE), "cpu", MetricData.counts(10, 1), MetricData.counts(10, 1)));
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
    }

    @Test
    void countsMustBeWholeNumbers() {
        MetricSpec restarts = MetricSpec.of("restarts", "r", MetricKind.COUNT);
        MetricResult r = only(judge(Configs.of(restarts), "restarts", MetricData.values(0, 0.5),
                MetricData.values(0, 1)));
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
        assertThat(r.reason()).contains("whole non-negative numbers");
    }

    @Test
    void missingMetricInTheDataIsNoData() {
        Judgement j = new Judge(Configs.of(GAUGE)).judge(Map.of());
        assertThat(only(j).classification()).isEqualTo(Classification.NODATA);
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void minimumTrafficKeepsALowRateInconclusive() {
        MetricSpec latency = Configs.latency().withMinTraffic(1000.0);
        Judgement j = new Judge(Configs.of(latency)).judge(Map.of("latency", new TrackPair(
                MetricData.values(Configs.latencies(1, 300, 1)), MetricData.values(Configs.latencies(2, 300, 1)))),
                Look.single(0.98), 60.0);
        assertThat(only(j).classification()).isEqualTo(Classification.INCONCLUSIVE);
        // Waiting does not help: at 300/min, 140 s more (the old advice) gives 1000 requests in 200 s, still
        // 300/min. Only more canary traffic lifts the rate, so no "need N more (~T s)" is promised.
        assertThat(only(j).reason()).contains("canary traffic 300/min is below the minimum 1000/min")
                .contains("send more traffic to the canary").doesNotContain("need about")
                .doesNotContain("at the current rate");
        assertThat(only(j).needMore()).isNull();
    }

    @Test
    void outlierRemovalIsOptional() {
        double[] base = Configs.latencies(1, 400, 1);
        double[] can = Configs.latencies(2, 400, 1);
        can[0] = 1e6;
        MetricSpec plain = MetricSpec.of("latency", "l", MetricKind.LATENCY);
        MetricSpec cleaned = new MetricSpec("latency", plain.groups(), "q", MetricKind.LATENCY, TestKind.MANN_WHITNEY,
                0.99, "ms", Direction.INCREASE, false, false, NanStrategy.REMOVE, 0, 1.2, 0.8,
                Double.POSITIVE_INFINITY, 0, 0, null, null, true);
        assertThat(only(judge(Configs.of(plain), "latency", MetricData.values(base), MetricData.values(can)))
                .canary().max()).isEqualTo(1e6);
        assertThat(only(judge(Configs.of(cleaned), "latency", MetricData.values(base), MetricData.values(can)))
                .canary().max()).isLessThan(1e6);
    }

    @Test
    void decreaseIsIgnoredUnlessWatched() {
        double[] base = Configs.latencies(1, 1000, 1);
        double[] faster = Configs.latencies(2, 1000, 0.5);
        MetricSpec up = MetricSpec.of("latency", "l", MetricKind.LATENCY);
        assertThat(only(judge(Configs.of(up), "latency", MetricData.values(base), MetricData.values(faster)))
                .classification()).isEqualTo(Classification.PASS);
        assertThat(only(judge(Configs.of(up.withDirection(Direction.EITHER)), "latency", MetricData.values(base),
                MetricData.values(faster))).classification()).isEqualTo(Classification.LOW);
    }
}
