package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.Bound;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Direction;
import dev.canarylab.lab.analysis.Lookback;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TestKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void defaultConfigCoversSampleApp() {
        CanaryConfig c = ConfigLoader.defaults();
        assertThat(c.metrics()).extracting(MetricSpec::name)
                .containsExactly("latency", "tail-latency", "errors", "payload-size", "cpu", "heap", "restarts");
        assertThat(c.plan().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.metric("errors").orElseThrow().test()).isEqualTo(TestKind.FISHER);
        assertThat(c.metric("tail-latency").orElseThrow().test()).isEqualTo(TestKind.QUANTILE);
        for (MetricSpec m : c.metrics()) {
            // Every metric names both its embedded id and a PromQL template: one config, both runtimes.
            assertThat(m.embedded()).as(m.name()).isNotNull();
            assertThat(m.query()).as(m.name()).contains("track=\"${track}\"", "${namespace}");
        }
        assertThat(c.metric("errors").orElseThrow().totalQuery()).contains("${track}").doesNotContain("SERVER_ERROR");
    }

    @Test
    void fullDocumentedExampleParsesEveryField() throws Exception {
        CanaryConfig c = ConfigLoader.load(Path.of(getClass().getResource("/full-canary.yaml").toURI()));
        assertThat(c.plan().lookback()).isEqualTo(Lookback.SLIDING);
        assertThat(c.plan().warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.plan().lifetime()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.groupWeights()).containsEntry("errors", 40.0);
        MetricSpec latency = c.metric("latency").orElseThrow();
        assertThat(latency.query()).contains("${track}");
        assertThat(latency.embeddedId()).isEqualTo("router:request_latency_ms");
        assertThat(c.metric("errors").orElseThrow().totalQuery()).startsWith("sum(increase(");
        // A metric without embedded: keeps its query as the embedded id (configs written before PromQL).
        assertThat(c.metric("restarts").orElseThrow().embeddedId()).isEqualTo("instance:restarts");
        assertThat(latency.direction()).isEqualTo(Direction.INCREASE);
        assertThat(latency.criticalDecrease()).isEqualTo(0.5);
        assertThat(latency.minTrafficPerMinute()).isEqualTo(60.0);
        MetricSpec errors = c.metric("errors").orElseThrow();
        assertThat(errors.kind()).isEqualTo(MetricKind.ERROR_RATIO);
        assertThat(errors.bound()).isEqualTo(new Bound(Bound.Statistic.RATIO, 0.01, null));
        assertThat(c.metric("restarts").orElseThrow().bound().statistic()).isEqualTo(Bound.Statistic.TOTAL);
    }

    @Test
    void jsonWorksToo() {
        CanaryConfig c = ConfigLoader.parse("{\"metrics\": [{\"name\": \"cpu\", \"kind\": \"ratio\"}]}", "c.json");
        assertThat(c.metrics()).hasSize(1);
        assertThat(c.metrics().get(0).groups()).containsExactly("cpu");
    }

    @Test
    void typoInAFieldIsRejectedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                metrics:
                  - name: latency
                    kind: latency
                    allowedIncrese: 1.2
                """, "canary.yaml"))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("canary.yaml: metrics[0].allowedIncrese is not a known field (known: ")
                .satisfies(e -> assertThat(((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void impossibleValuesAreRejectedInOneLine() {
        assertThat(message("metrics: [{name: a, kind: latency, allowedIncrease: 1.0}]"))
                .startsWith("c.yaml: metrics[0].allowedIncrease must be a ratio above 1");
        assertThat(message("metrics: [{name: a, kind: speed}]"))
                .isEqualTo("c.yaml: metrics[0].kind 'speed' is not one of: latency, error-ratio, ratio, gauge, count");
        assertThat(message("metrics: [{name: a, kind: count, test: fisher}]"))
                .isEqualTo("c.yaml: metrics[0].test 'fisher' does not apply to a count metric");
        assertThat(message("analysis: {interval: soon}\nmetrics: [{name: a, kind: gauge}]"))
                .isEqualTo("c.yaml: analysis.interval must be a duration such as 500ms, 10s, 5m or 1h");
        assertThat(message("scoring: {marginal: 90, pass: 80}\nmetrics: [{name: a, kind: gauge}]"))
                .isEqualTo("c.yaml: scoring.marginal (90) must not exceed pass (80)");
        assertThat(message("scoring: {groups: {latency: 1}}\nmetrics: [{name: a, kind: gauge, groups: [cpu]}]"))
                .isEqualTo("c.yaml: metrics[0].groups names group 'cpu', which has no weight in scoring.groups");
        assertThat(message("metrics: [{name: a, kind: gauge}, {name: a, kind: gauge}]"))
                .isEqualTo("c.yaml: metrics[1].name 'a' is used by two metrics");
        assertThat(message("metrics: [{name: e, kind: error-ratio, bound: {statistic: p99, max: 3}}]"))
                .isEqualTo("c.yaml: metrics[0].bound.statistic of an error-ratio metric must be 'ratio'");
        assertThat(message("metrics: [{name: a, kind: latency, embedded: router:latency}]"))
                .startsWith("c.yaml: metrics[0].embedded 'router:latency' is not an embedded metric; the local "
                        + "runtime knows instance:jvm_memory_used_bytes");
        assertThat(message("metrics: [{name: a, kind: gauge, total: 'sum(x)'}]"))
                .isEqualTo("c.yaml: metrics[0].total applies to error-ratio metrics only (the PromQL counting all "
                        + "requests)");
        assertThat(message("metrics: []")).isEqualTo("c.yaml: metrics must list at least one metric");
        assertThat(message("analysis: {}")).startsWith("c.yaml: metrics: missing");
        assertThat(message("metrics: [{name: a, kind: gauge}")).startsWith("c.yaml: not valid YAML at line");
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/canary.yaml")))
                .hasMessage("/nonexistent/canary.yaml: no such file");
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
