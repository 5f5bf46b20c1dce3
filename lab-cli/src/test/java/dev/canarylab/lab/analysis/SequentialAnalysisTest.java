package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialAnalysisTest {

    private static final AnalysisPlan PLAN = new AnalysisPlan(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Lookback.GROWING, Duration.ofMinutes(1), Duration.ZERO);

    private static Map<String, TrackPair> data(int n, double factor) {
        return Map.of("latency", new TrackPair(MetricData.values(Configs.latencies(1, n, 1)),
                MetricData.values(Configs.latencies(2, n, factor))));
    }

    @Test
    void runsUntilTheLifetimeEnds() {
        SequentialAnalysis analysis = new SequentialAnalysis(Configs.of(Configs.latency()).withPlan(PLAN));
        for (int k = 1; k <= 3; k++) {
            assertThat(analysis.finished()).isFalse();
            analysis.look(data(100 * k, 1), 10 * k, 10.0 * k);
        }
        assertThat(analysis.finished()).isTrue();
        assertThat(analysis.last().look().number()).isEqualTo(3);
    }

    @Test
    void stopsEarlyOnAClearFailure() {
        SequentialAnalysis analysis = new SequentialAnalysis(Configs.of(Configs.latency()).withPlan(PLAN));
        Judgement first = analysis.look(data(300, 2.0), 10, 10.0);
        assertThat(first.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(first.look().alpha()).isLessThan(0.02);
        assertThat(analysis.finished()).isTrue();
    }

    @Test
    void canBeExtendedWhenTrafficIsLow() {
        SequentialAnalysis analysis = new SequentialAnalysis(Configs.of(Configs.latency()).withPlan(PLAN));
        for (int k = 1; k <= 2; k++) {
            assertThat(analysis.look(data(5 * k, 1), 10 * k, 10.0 * k).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        }
        analysis.extend(20, 30);
        double spent = 0;
        for (int k = 3; k <= 6; k++) {
            Judgement j = analysis.look(data(300 * k, 1), 10 * k, 10.0 * k);
            assertThat(j.look().alpha()).isPositive();
            spent += j.look().alpha();
        }
        assertThat(analysis.finished()).isTrue();
        assertThat(analysis.last().verdict()).isEqualTo(Verdict.PASS);
        assertThat(spent).isLessThan(0.02);
    }

    @Test
    void aLookWithoutBudgetCannotPass() {
        SequentialAnalysis analysis = new SequentialAnalysis(Configs.of(Configs.latency()).withPlan(PLAN));
        for (int k = 1; k <= 3; k++) {
            analysis.look(data(1000, 1), 10 * k, 10.0 * k);
        }
        Judgement late = analysis.look(data(1000, 1), 40, 40.0);
        assertThat(late.look().alpha()).isZero();
        assertThat(late.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(late.results().get(0).reason()).contains("no false-alarm budget left");
    }
}
