package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NarratorTest {

    private static final String ESC = "\u001b";

    private static String narrate(boolean live, String version) {
        StringWriter text = new StringWriter();
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        Strategy s = Rollouts.strategy("""
                strategy: canary
                analysis: {interval: 150ms, lifetime: 600ms}
                steps:
                  - setWeight: 20
                  - analysis: {}
                """);
        new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, s, new Rollout.Settings("t", Duration.ofSeconds(2), false),
                new Narrator(new PrintWriter(text), live)).run(version);
        return text.toString();
    }

    @Test
    void aCiLogGetsPlainLinesOnePerLookAndTheVerdictWithItsTable() {
        String log = narrate(false, "v3");

        assertThat(log).doesNotContain(ESC).doesNotContain("\r");
        assertThat(log).contains("step 2 analysis look 1: ")
                .contains("verdict  step 2 analysis: v3 is slower (latency)")
                .contains("ROLLBACK ")
                .contains("Rolling back: 100% of traffic to v1");
        assertThat(log.lines().filter(l -> l.startsWith("[")))
                .allSatisfy(l -> assertThat(l).matches("\\[ *\\d+s\\] .*"));
    }

    @Test
    void aTerminalGetsAStatusLineRedrawnInPlace() {
        String screen = narrate(true, "v2");

        assertThat(screen).contains("\r" + ESC + "[2K").contains("weight 20%").contains("PROMOTED ");
        assertThat(screen).doesNotContain("look 1: ");
    }

    @Test
    void theStatusLineShowsStepWeightProgressAndRequestsAndFitsTheWidth() {
        RolloutListener.Progress p = new RolloutListener.Progress("step 4/6: analysis every 10s for 60s", 25,
                "step 4 analysis", 30, 60, Map.of(Track.BASELINE, 310L, Track.CANARY, 298L), null);

        String line = Narrator.status(p, 200);
        assertThat(line).isEqualTo("step 4/6: analysis every 10s for 60s | weight 25% | [############------------]"
                + " 30/60 s | " + (line.indexOf("baseline") < line.indexOf("canary")
                        ? "baseline 310, canary 298" : "canary 298, baseline 310"));
        assertThat(Narrator.status(p, 40)).hasSize(40).endsWith("~");
    }
}
