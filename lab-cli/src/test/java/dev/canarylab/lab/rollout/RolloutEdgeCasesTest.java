package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Behaviour the engine gets wrong today (not committed: these fail). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RolloutEdgeCasesTest {

    private static FakeRuntime runtime(double rps) {
        FakeRuntime rt = new FakeRuntime("v1", rps);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v2", Profile.healthy());
        return rt;
    }

    @Test
    void labPromoteDuringAnIndefinitePauseEndsPromoted() throws Exception {
        FakeRuntime rt = runtime(20_000);
        Strategy s = Rollouts.strategy("""
                strategy: canary
                steps:
                  - setWeight: 20
                  - pause: {}
                  - setWeight: 50
                """);
        Rollout rollout = Rollouts.rollout(rt, s, new Rollouts.Recorder());
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        Thread.sleep(400);
        assertThat(run).isNotDone();
        rt.promote();
        RolloutRecord r = run.get(3, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v2");
    }

    @Test
    void backgroundAnalysisWithoutEvidenceDoesNotPromote() {
        // No analysis step: only the background analysis judges, and with this little traffic it cannot decide.
        FakeRuntime rt = runtime(100);
        Strategy s = Rollouts.strategy("""
                strategy: canary
                analysis: {interval: 150ms, lifetime: 600ms}
                background: true
                steps:
                  - setWeight: 20
                  - pause: 600ms
                """);
        RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

        assertThat(r.analyses()).singleElement()
                .satisfies(a -> assertThat(a.verdict()).isEqualTo(Verdict.INCONCLUSIVE));
        assertThat(r.outcome()).isNotEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v1");
    }

    /** The loader refuses such a URL; a strategy built in code must not crash the rollout with it either. */
    @Test
    void aWebhookUrlTheHttpClientRefusesDoesNotCrashTheRollout() {
        FakeRuntime rt = runtime(20_000);
        Strategy loaded = Rollouts.strategy("""
                strategy: canary
                steps:
                  - setWeight: 20
                """);
        Strategy s = new Strategy(loaded.name(), loaded.kind(), loaded.baseline(), loaded.replicas(), loaded.config(),
                loaded.analysis(), loaded.extensions(), loaded.background(), loaded.steps(), loaded.blueGreen(),
                java.util.List.of(new Strategy.Webhook(java.net.URI.create("http:///hook"),
                        java.util.Set.of(EventType.START, EventType.STEP), false, java.time.Duration.ofSeconds(1))));
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, s, recorder).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(r.events()).anySatisfy(e -> assertThat(e.type().id() + " " + e.message()).startsWith("webhook ")
                .contains("(the rollout goes on)"));
    }
}
