package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedOutputTest {

    private static ExpectedOutput expect(String... lines) {
        return new ExpectedOutput(List.of(lines));
    }

    @Test
    void measurementsAndTimestampsMayDifferFromThePage() {
        String actual = "[ 2m49] verdict  step 2 analysis: v2 behaves like v1: 7 of 7 metrics pass (latency: mean 9.91 ms vs 9.28 ms, 1.07x";
        assertThat(expect("[  36s] verdict  step 2 analysis: v2 behaves like v1: 7 of 7 metrics pass (latency: mean 3.25 ms vs 3.12 ms, 1.04x")
                .firstMissing(actual)).isEmpty();
    }

    @Test
    void versionsAndQuantilesKeepTheirDigits() {
        assertThat(expect("PROMOTED v2").firstMissing("PROMOTED v4 passed")).contains("PROMOTED v2");
        assertThat(expect("p95 6.19 ms").firstMissing("p99 6.19 ms")).isPresent();
    }

    @Test
    void theRouterPortAndScientificPValuesAreNumbers() {
        assertThat(expect("lab up: router http://127.0.0.1:8080, stable v1").firstMissing("lab up: router http://127.0.0.1:35385, stable v1 (blue)"))
                .isEmpty();
        assertThat(expect("p=2.0e-06: HIGH").firstMissing("allowed 1.10x, p=4.5e-28: HIGH")).isEmpty();
    }

    @Test
    void linesMustComeInThePagesOrder() {
        String actual = "step 1/2: setWeight 40%\nstep 2/2: analysis every 5s for 30s\nPROMOTED v2";
        assertThat(expect("step 1/2: setWeight 40%", "PROMOTED v2").firstMissing(actual)).isEmpty();
        assertThat(expect("PROMOTED v2", "step 1/2: setWeight 40%").firstMissing(actual)).contains("step 1/2: setWeight 40%");
    }

    @Test
    void dotsMatchAnythingAndSpacesAnyRunOfSpaces() {
        assertThat(expect("ROLLBACK v4 fails ... Rolling back: 100% of traffic to v2")
                .firstMissing("[  42s] ROLLBACK v4 fails 3.6% of its requests (9 of 249); Rolling back: 100% of traffic to v2, v4 removed."))
                .isEmpty();
        assertThat(expect("stable    v1  blue 100%").firstMissing("stable v1        blue       100%  1/1")).isEmpty();
        assertThat(expect("canary    v2").firstMissing("stable    v2")).isPresent();
    }

    @Test
    void anEllipsisLineIsForTheReaderOnly() {
        assertThat(expect("...", "").lines()).isEmpty();
    }
}
