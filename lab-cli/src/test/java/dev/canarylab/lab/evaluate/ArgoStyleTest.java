package dev.canarylab.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgoStyleTest {

    private static final ArgoStyle ARGO = new ArgoStyle(ConfigLoader.defaults());

    private static LookSamples look(int n, long requests, long errors) {
        return new LookSamples(n, 10.0 * n, Map.of(), new LookSamples.Interval(requests, errors, 80));
    }

    @Test
    void aMeasurementAtNinetyFivePercentSuccessPassesAndJustBelowFails() {
        assertThat(ARGO.start().look(look(1, 100, 5)).verdict()).isEqualTo(Verdict.PASS);
        ShadowVerdict below = ARGO.start().look(look(1, 100, 6));
        assertThat(below.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(below.stops()).isFalse();
        assertThat(below.reason()).startsWith("success rate 94% < 95%").contains("1 failed measurement, failureLimit 3");
    }

    @Test
    void theRunFailsOnlyWhenFailedMeasurementsExceedTheFailureLimitOfThree() {
        LookJudge judge = ARGO.start();
        for (int k = 1; k <= 3; k++) {
            assertThat(judge.look(look(k, 100, 50)).stops()).as("failed measurement %d", k).isFalse();
        }
        assertThat(judge.look(look(4, 100, 0)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(judge.end()).isEqualTo(Verdict.PASS);

        ShadowVerdict fourth = judge.look(look(5, 100, 50));
        assertThat(fourth.stops()).isTrue();
        assertThat(fourth.reason()).contains("4 failed measurements > failureLimit 3: AnalysisRun failed");
        assertThat(judge.end()).isEqualTo(Verdict.FAIL);
        // a failed run stays failed, whatever later measurements say
        assertThat(judge.look(look(6, 100, 0))).satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(v.reason()).startsWith("AnalysisRun failed at look 5");
        });
    }

    @Test
    void anIntervalWithoutRequestsIsAFailedMeasurementNotAPass() {
        ShadowVerdict v = ARGO.start().look(look(1, 0, 0));
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.reason()).startsWith("no requests: result[0] is NaN");
    }

    @Test
    void itIgnoresLatencyAndTheBaseline() {
        LookSamples slow = new LookSamples(1, 10, Map.of("latency", new LookSamples.Steps(new double[] {10, 10},
                new double[] {900, 900})), new LookSamples.Interval(100, 0, 2_000));
        assertThat(ARGO.start().look(slow).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void onSimulatedTrafficItPromotesACanaryWithTenPercentOfRequestsTwentyTimesSlower() {
        RecordedTraffic tail = RecordedTraffic.of("tail: 10% of requests 20x", 7, 10, 180);
        RecordedTraffic.Ended argo = tail.evaluate(ArgoStyle.JUDGE, ConfigLoader.defaults());
        assertThat(argo.verdict()).isEqualTo(Verdict.PASS);
        assertThat(argo.seconds()).isEqualTo(180);
    }
}
