package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluateCommandTest {

    @Test
    void printsAScorecardWithAllThreeJudges() {
        Run run = Run.lab("evaluate", "--trials", "4", "--duration", "30s");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("A/A (no change)").contains("latency +20%").contains("errors 0.5% -> 3%")
                .contains("tail: 2% of requests 10x").contains("| canary-lab").contains("| Kayenta-style")
                .contains("| Flagger-style").contains("alarm  <=30s  <=60s     t    inc");
        assertThat(run.err()).contains("lab: scenario 1/9: A/A (no change)");
    }

    @Test
    void sameSeedSameScorecard() {
        String first = withoutTiming(Run.lab("evaluate", "--trials", "3", "--duration", "30s", "--seed", "5").out());
        String second = withoutTiming(Run.lab("evaluate", "--trials", "3", "--duration", "30s", "--seed", "5").out());
        assertThat(first).isEqualTo(second);
    }

    @Test
    void badSettingsAreOneLine() {
        Run run = Run.lab("evaluate", "--trials", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lab: error: --trials must be between 1 and 100000, got 0\n");
        Run duration = Run.lab("evaluate", "--duration", "forever");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).startsWith("lab: error: --duration must be a duration");
    }

    @Test
    void aSimulationBeyondTheBoundsIsRefusedBeforeItStarts() {
        // Both used to run out of memory with a stack trace.
        Run longer = Run.lab("evaluate", "--duration", "99999h");
        assertThat(longer.exitCode()).isEqualTo(2);
        assertThat(longer.err()).isEqualTo("lab: error: an analysis of 99999h with a look every 10s makes 35999640"
                + " looks; lab evaluate simulates at most 1000 (shorten --duration)\n");
        Run busier = Run.lab("evaluate", "--rps", "10000", "--duration", "2h");
        assertThat(busier.exitCode()).isEqualTo(2);
        assertThat(busier.err()).isEqualTo("lab: error: 10000 requests/s for 2h is 72000000 requests per track in"
                + " each trial; lab evaluate simulates at most 1000000 (lower --rps or --duration)\n");
    }

    private static String withoutTiming(String s) {
        return s.replaceAll("\\(\\d+\\.\\d s\\)", "");
    }
}
