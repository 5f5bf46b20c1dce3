package dev.canarylab.lab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedSourceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ResourceSample sample(int second, String instance, double cpu, double heap, int restarts) {
        return new ResourceSample(T0.plusSeconds(second), Track.CANARY, "v6", instance, cpu, heap, restarts);
    }

    private final Telemetry telemetry = new Telemetry() {
        @Override
        public RequestWindow requests(Track track, Instant from, Instant to) {
            return new RequestWindow(track, from, to, new double[] {10, 20, 30}, new long[] {100, 200, 300}, 1,
                    Set.of("v6"), true);
        }

        @Override
        public List<ResourceSample> resources(Track track, Instant from, Instant to) {
            return List.of(sample(0, "a", 1.0, 64 << 20, 0), sample(0, "b", 5.0, 32 << 20, 0),
                    sample(2, "a", 2.0, 64 << 20, 0), sample(2, "b", 0.5, 32 << 20, 1),
                    sample(4, "a", 2.5, 64 << 20, 0), sample(4, "b", 1.5, 32 << 20, 3));
        }
    };

    private final EmbeddedSource source = new EmbeddedSource(telemetry);

    private MetricData read(String query, MetricKind kind, String unit) {
        MetricSpec m = MetricSpec.of("m", "g", kind);
        MetricSpec spec = new MetricSpec(m.name(), m.groups(), query, kind, m.test(), m.quantile(), unit,
                m.direction(), false, false, m.nanStrategy(), 0, 1.2, 0.8, Double.POSITIVE_INFINITY, 0, 0, null,
                null, false);
        return source.read(spec, Track.CANARY, T0, T0.plusSeconds(10)).data();
    }

    @Test
    void requestMetricsAreRequestLevel() {
        assertThat(((MetricData.Values) read("router:request_latency_ms", MetricKind.LATENCY, "ms")).values())
                .containsExactly(10, 20, 30);
        assertThat(read("router:request_errors", MetricKind.ERROR_RATIO, "")).isEqualTo(MetricData.counts(3, 1));
        assertThat(((MetricData.Values) read("router:response_bytes", MetricKind.GAUGE, "B")).values())
                .containsExactly(100, 200, 300);
    }

    @Test
    void cpuIsAPerInstanceRateAndIgnoresStepsAcrossARestart() {
        double[] cpu = ((MetricData.Values) read("instance:process_cpu_usage", MetricKind.RATIO, "")).values();
        // a: 0.5 and 0.25 cores; b restarted in both steps, so its counter resets say nothing.
        assertThat(cpu).hasSize(4);
        assertThat(cpu[0]).isEqualTo(0.5);
        assertThat(cpu[1]).isNaN();
        assertThat(cpu[2]).isEqualTo(0.25);
        assertThat(cpu[3]).isNaN();
    }

    @Test
    void restartsCountPerStepAndHeapInTheMetricsUnit() {
        assertThat(((MetricData.Values) read("instance:restarts", MetricKind.COUNT, "")).values())
                .containsExactly(0, 1, 0, 2);
        assertThat(((MetricData.Values) read("instance:jvm_memory_used_bytes{area=\"heap\"}", MetricKind.GAUGE,
                "MB")).values()).containsExactly(64, 32, 64, 32, 64, 32);
    }

    @Test
    void anUnknownQueryIsAnErrorNotAPass() {
        var config = ConfigLoader.defaults();
        MetricSpec latency = config.metric("latency").orElseThrow();
        MetricSpec typo = new MetricSpec(latency.name(), latency.groups(), "router:latency", latency.kind(),
                latency.test(), latency.quantile(), latency.unit(), latency.direction(), latency.critical(),
                latency.mustHaveData(), latency.nanStrategy(), latency.nanReplacement(), latency.allowedIncrease(),
                latency.allowedDecrease(), latency.criticalIncrease(), latency.criticalDecrease(),
                latency.allowedAbsoluteIncrease(), latency.bound(), latency.minTrafficPerMinute(),
                latency.removeOutliers());
        var data = BothTracks.read(source, config.withMetrics(List.of(typo)), T0, T0.plusSeconds(10));
        var result = new Judge(config.withMetrics(List.of(typo))).judge(data).results().get(0);
        assertThat(result.classification()).isEqualTo(Classification.ERROR);
        assertThat(result.reason()).contains("no metric 'router:latency'");
    }
}
