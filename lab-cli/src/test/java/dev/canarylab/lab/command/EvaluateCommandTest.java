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
                .contains("| Flagger-style").contains("alarm  <=60s     t    inc");
        assertThat(run.err()).contains("lab: scenario 1/8: A/A (no change)");
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

    private static String withoutTiming(String s) {
        return s.replaceAll("\\(\\d+\\.\\d s\\)", "");
    }
}
