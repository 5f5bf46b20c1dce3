package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RolloutCanaryTest {

    private static final String STEPS = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms, lifetime: 600ms}
            extensions: 1
            steps:
              - setWeight: 20
              - analysis: {}
              - setWeight: 50
            """;

    private static FakeRuntime runtime(double rps) {
        FakeRuntime rt = new FakeRuntime("v1", rps);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v2", Profile.healthy());
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        return rt;
    }

    private static void assertRestored(FakeRuntime rt) {
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v1");
        assertThat(rt.versionOn(Track.CANARY)).isNull();
        assertThat(rt.versionOn(Track.BASELINE)).isNull();
        assertThat(rt.weight()).isZero();
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(100);
        assertThat(rt.calls()).contains("rollback").doesNotContain("promote");
    }

    @Test
    void healthyCanaryIsPromoted() {
        FakeRuntime rt = runtime(20_000);
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(STEPS), new Rollouts.Recorder()).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v2");
        assertThat(rt.versionOn(Track.CANARY)).isNull();
        assertThat(rt.versionOn(Track.BASELINE)).isNull();
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(100);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v2 canary 1", "setWeight 20",
                "setWeight 50", "promote");
        assertThat(r.analyses()).singleElement().satisfies(a -> assertThat(a.verdict()).isEqualTo(Verdict.PASS));
        assertThat(r.sentence()).contains("v2 passed step 2 analysis").contains("Promoting");
    }

    @Test
    void slowCanaryIsRolledBackByTheStepAnalysisWithTheFailingMetricInTheSentence() {
        FakeRuntime rt = runtime(20_000);
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(STEPS), new Rollouts.Recorder()).run("v3");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertRestored(rt);
        assertThat(rt.calls()).doesNotContain("setWeight 50");
        RolloutRecord.Analysis a = r.analyses().get(0);
        assertThat(a.verdict()).isEqualTo(Verdict.FAIL);
        MetricResult latency = a.judgement().results().stream().filter(m -> m.metric().equals("latency"))
                .findFirst().orElseThrow();
        assertThat(r.sentence()).contains("v3 is slower (latency)")
                .contains("p95 " + Format.value(latency.canary().p95(), latency.unit()) + " vs "
                        + Format.value(latency.baseline().p95(), latency.unit()))
                .contains("allowed " + Format.ratio(1.1)).contains("FAIL").contains("Rolling back: 100% of traffic to v1");
        assertThat(latency.canary().p95()).isGreaterThan(1.4 * latency.baseline().p95());
        assertThat(r.steps()).extracting(RolloutRecord.Step::result).containsExactly("done", "FAIL");
    }

    @Test
    void backgroundAnalysisStopsASlowCanaryInTheMiddleOfAPause() {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy("""
                strategy: canary
                analysis: {interval: 150ms, lifetime: 600ms}
                background: true
                steps:
                  - setWeight: 20
                  - pause: 5s
                  - setWeight: 50
                """);
        RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v3");

        // Stopped in the middle of the pause: it ended "aborted", not "done", and the next weight never came. Said
        // by the steps rather than by a stopwatch, which a loaded machine can push past the pause.
        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertRestored(rt);
        assertThat(rt.calls()).doesNotContain("setWeight 50");
        assertThat(r.analyses()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("background analysis");
            assertThat(a.verdict()).isEqualTo(Verdict.FAIL);
        });
        assertThat(r.steps()).extracting(RolloutRecord.Step::result).containsExactly("done", "aborted");
        assertThat(r.sentence()).contains("latency").contains("p95").contains("allowed " + Format.ratio(1.1));
    }

    @Test
    void tooLittleTrafficIsExtendedExactlyAsOftenAsAllowedThenInconclusiveAndRestored() {
        FakeRuntime rt = runtime(100);
        Strategy s = Rollouts.strategy(STEPS.replace("extensions: 1", "extensions: 2"));
        Rollouts.Recorder rec = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, s, rec).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.INCONCLUSIVE);
        assertThat(rec.messages(EventType.ANALYSIS)).filteredOn(m -> m.contains("extended by")).hasSize(2);
        assertThat(r.analyses().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // Past the 4 planned looks; how far depends on when the judge's "need about N more" asks for more time.
        assertThat(r.analyses().get(0).looks().size()).isGreaterThan(4);
        assertRestored(rt);
        assertThat(r.sentence()).contains("Not promoting without evidence");
    }

    @Test
    void aCanaryThatHasNotBeenSentARequestYetIsNotRolledBackAsAFailure() {
        // 20 requests/s, 20% to the canary: no request in the first 150 ms look, a few later.
        FakeRuntime rt = runtime(20);
        Strategy s = Rollouts.strategy("""
                strategy: canary
                analysis: {interval: 150ms, lifetime: 600ms}
                extensions: 1
                steps:
                  - setWeight: 20
                  - analysis: {}
                """);
        RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

        assertThat(r.outcome()).as(r.sentence()).isEqualTo(RolloutOutcome.INCONCLUSIVE);
        assertRestored(rt);
    }

    @Test
    void abortFromAnotherThreadEndsTheRolloutAbortedAndRestoresStable() throws Exception {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy(STEPS.replace("  - analysis: {}\n", "  - pause: 10s\n"));
        Rollout rollout = Rollouts.rollout(rt, s, new Rollouts.Recorder());
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        Thread.sleep(400);
        rollout.abort("Ctrl-C");
        RolloutRecord r = run.get(2, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ABORTED);
        assertThat(r.sentence()).contains("Ctrl-C").contains("100% of traffic to v1");
        assertRestored(rt);
    }

    @Test
    void aVersionThatNeverBecomesReadyIsRolledBackWithTheReason() {
        FakeRuntime rt = runtime(20_000).readyAfter("v2", null);
        Rollout rollout = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, Rollouts.strategy(STEPS),
                new Rollout.Settings("t", Duration.ofMillis(500), false), new Rollouts.Recorder());
        RolloutRecord r = rollout.run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(r.sentence()).contains("v2 did not become ready within 500ms").contains("0/1 ready");
        assertThat(rt.calls()).noneMatch(c -> c.startsWith("setWeight"));
        assertRestored(rt);
    }

    @Test
    void aVersionThatTakesAMomentToBecomeReadyIsWaitedFor() {
        FakeRuntime rt = runtime(20_000).readyAfter("v2", Duration.ofMillis(400));
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(STEPS), new Rollouts.Recorder()).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(Duration.between(r.started(), r.steps().get(0).started())).isGreaterThanOrEqualTo(
                Duration.ofMillis(400));
    }

    @Test
    void labPromoteDuringAPauseEndsPromoted() throws Exception {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy(STEPS.replace("  - analysis: {}\n", "  - pause: 10s\n"));
        Rollout rollout = Rollouts.rollout(rt, s, new Rollouts.Recorder());
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        Thread.sleep(400);
        rt.promote();
        RolloutRecord r = run.get(3, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(r.sentence()).contains("'lab promote'");
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v2");
        assertThat(rt.calls()).doesNotContain("rollback", "setWeight 50");
    }

    @Test
    void labRollbackDuringAPauseEndsAborted() throws Exception {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy(STEPS.replace("  - analysis: {}\n", "  - pause: 10s\n"));
        Rollout rollout = Rollouts.rollout(rt, s, new Rollouts.Recorder());
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        Thread.sleep(400);
        rt.rollback();
        RolloutRecord r = run.get(3, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ABORTED);
        assertThat(r.sentence()).contains("'lab rollback'");
        assertRestored(rt);
    }

    @Test
    void theRecordHoldsStepsAnalysesWithLooksEventsAndAPerSecondTimeline() {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy(STEPS.replace("  - setWeight: 50\n", "  - setWeight: 50\n  - pause: 1200ms\n"));
        RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(r.steps()).extracting(RolloutRecord.Step::number).containsExactly(1, 2, 3, 4);
        assertThat(r.steps()).extracting(RolloutRecord.Step::description).containsExactly("setWeight 20%",
                "analysis every 150ms for 600ms", "setWeight 50%", "pause 1.2s");
        assertThat(r.steps()).extracting(RolloutRecord.Step::result).containsExactly("done", "PASS", "done", "done");
        RolloutRecord.Analysis a = r.analyses().get(0);
        assertThat(a.looks()).extracting(RolloutRecord.Look::number).containsExactly(1, 2, 3, 4);
        assertThat(a.baseline()).isEqualTo(Track.BASELINE);
        assertThat(r.events()).extracting(RolloutRecord.Event::type).contains(EventType.START, EventType.DEPLOY,
                EventType.STEP, EventType.WEIGHT, EventType.ANALYSIS, EventType.VERDICT, EventType.PROMOTION);
        assertThat(r.timeline()).hasSizeGreaterThanOrEqualTo(1);
        for (int i = 1; i < r.timeline().size(); i++) {
            assertThat(Duration.between(r.timeline().get(i - 1).time(), r.timeline().get(i).time()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        RolloutRecord.TimePoint last = r.timeline().get(r.timeline().size() - 1);
        assertThat(last.canaryWeight()).isEqualTo(50);
        assertThat(last.tracks().get(Track.CANARY).version()).isEqualTo("v2");
        assertThat(last.tracks().get(Track.CANARY).requests()).isGreaterThan(0);
    }
}
