package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.MetricSpec;
import org.junit.jupiter.api.Test;

/** {@code allowedAbsoluteIncrease} on value metrics: the increase tolerated over a baseline of 0, in their unit. */
class AbsoluteAllowanceConfigTest {

    @Test
    void aValueMetricReadsItsAbsoluteAllowanceInItsOwnUnit() {
        MetricSpec m = ConfigLoader.parse("metrics: [{name: restarts, kind: gauge, allowedAbsoluteIncrease: 0.5}]",
                "c.yaml").metric("restarts").orElseThrow();
        // 0.5 restarts per step: not a fraction of requests, so values of 1 and more are fine too.
        assertThat(m.allowedAbsoluteIncrease()).isEqualTo(0.5);
        assertThat(ConfigLoader.parse("metrics: [{name: q, kind: gauge, allowedAbsoluteIncrease: 40}]", "c.yaml")
                .metric("q").orElseThrow().allowedAbsoluteIncrease()).isEqualTo(40.0);
    }

    @Test
    void aValueMetricHasNoAbsoluteAllowanceByDefault() {
        assertThat(ConfigLoader.parse("metrics: [{name: q, kind: gauge}]", "c.yaml").metric("q").orElseThrow()
                .allowedAbsoluteIncrease()).isZero();
        assertThat(ConfigLoader.parse("metrics: [{name: e, kind: error-ratio}]", "c.yaml").metric("e").orElseThrow()
                .allowedAbsoluteIncrease()).isEqualTo(0.01);
    }

    @Test
    void badAbsoluteAllowancesAreRefusedInOneLine() {
        assertThat(message("metrics: [{name: q, kind: gauge, allowedAbsoluteIncrease: -1}]"))
                .startsWith("c.yaml: metrics[0].allowedAbsoluteIncrease must be a finite number at least 0, in the"
                        + " metric's unit");
        assertThat(message("metrics: [{name: q, kind: gauge, allowedAbsoluteIncrease: 1e999}]"))
                .startsWith("c.yaml: metrics[0].allowedAbsoluteIncrease must be a finite number at least 0");
        assertThat(message("metrics: [{name: q, kind: gauge, allowedAbsoluteIncrease: lots}]"))
                .isEqualTo("c.yaml: metrics[0].allowedAbsoluteIncrease must be a number");
        assertThat(message("metrics: [{name: q, kind: latency, test: quantile, allowedAbsoluteIncrease: 5}]"))
                .isEqualTo("c.yaml: metrics[0].allowedAbsoluteIncrease applies to error-ratio metrics and to"
                        + " metrics judged by mann-whitney only");
        assertThat(message("metrics: [{name: r, kind: count, allowedAbsoluteIncrease: 1}]"))
                .startsWith("c.yaml: metrics[0].allowedAbsoluteIncrease applies to error-ratio metrics and to");
        assertThat(message("metrics: [{name: e, kind: error-ratio, allowedAbsoluteIncrease: 2}]"))
                .isEqualTo("c.yaml: metrics[0].allowedAbsoluteIncrease must be a fraction of requests, e.g. 0.01"
                        + " for 1%");
    }

    private static String message(String yaml) {
        try {
            ConfigLoader.parse(yaml, "c.yaml");
        } catch (LabException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }
}
