package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code lab analyze}'s analysis: what runs now, judged without deploying; Ctrl-C keeps the looks so far. */
class StandaloneAnalysisTest {

    private static final Strategy.Timing LONG = new Strategy.Timing(Duration.ofMillis(200), Duration.ofMinutes(5));

    private static FakeRuntime canaryAtHalf() {
        FakeRuntime rt = new FakeRuntime("v1", 2_000);
        rt.traffic().profile("v1", FakeTraffic.Profile.healthy());
        rt.traffic().profile("v2", FakeTraffic.Profile.healthy());
        rt.deploy("v2", Track.CANARY, 1);
        rt.setWeight(50);
        return rt;
    }

    @Test
    void stoppedAfterALookItReturnsWhatTheLooksSoFarSayAndWhyItStopped() {
        FakeRuntime rt = canaryAtHalf();
        AtomicReference<StandaloneAnalysis> analysis = new AtomicReference<>();
        // Ctrl-C right after the first look, long before the five-minute lifetime ends
        analysis.set(new StandaloneAnalysis(rt, rt.metricSource(), Rollouts.CONFIG, LONG, new RolloutListener() {
            @Override
            public void look(String name, Judgement judgement) {
                analysis.get().abort("Ctrl-C");
            }
        }));

        StandaloneAnalysis.Result r = analysis.get().run(Track.STABLE, Track.CANARY);

        assertThat(r.stopped()).isEqualTo("Stopped: Ctrl-C.");
        assertThat(r.analysis().looks()).hasSize(1);
        assertThat(r.analysis().verdict()).isEqualTo(r.analysis().looks().get(0).verdict());
        assertThat(r.analysis().sentence()).isNotBlank();
        assertThat(r.lastData()).containsKeys("latency", "errors");
        assertThat(rt.calls()).as("nothing deployed or re-weighted").containsExactly("deploy v2 canary 1",
                "setWeight 50");
    }

    @Test
    void stoppedBeforeAnyLookItIsAnInterruptionWithNothingJudged() {
        FakeRuntime rt = canaryAtHalf();
        StandaloneAnalysis analysis = new StandaloneAnalysis(rt, rt.metricSource(), Rollouts.CONFIG, LONG,
                new RolloutListener() { });
        analysis.abort("Ctrl-C");

        assertThatThrownBy(() -> analysis.run(Track.STABLE, Track.CANARY)).isInstanceOf(LabException.class)
                .hasMessage("Stopped: Ctrl-C. Nothing was judged: no look yet.")
                .satisfies(e -> assertThat(((LabException) e).exitCode()).isEqualTo(ExitCodes.INTERRUPTED));
    }

    @Test
    void aTrackWithNothingDeployedIsBadInputNamingTheTrack() {
        FakeRuntime rt = new FakeRuntime("v1", 100);
        StandaloneAnalysis analysis = new StandaloneAnalysis(rt, rt.metricSource(), Rollouts.CONFIG, LONG,
                new RolloutListener() { });

        assertThatThrownBy(() -> analysis.run(Track.STABLE, Track.CANARY)).isInstanceOf(LabException.class)
                .hasMessageContaining("nothing is deployed on the canary track");
    }
}
