package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canarylab.sample.SampleApp;
import dev.canarylab.traffic.shape.Shape;
import dev.canarylab.traffic.stats.Progress;
import dev.canarylab.traffic.stats.ProgressReporter;
import dev.canarylab.traffic.stats.Summary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Gatling follows a shaped curve, not only a constant rate: a ramp from zero, then a hold. */
class ShapesIT {

    @Test
    void rampFromZeroClimbsThenHolds() throws Exception {
        List<Progress> progress = new CopyOnWriteArrayList<>();
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--seed", "1")) {
            TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + app.port())
                    .shape(new Shape.Ramp(0, 80, Duration.ofSeconds(4)))
                    .duration(Duration.ofSeconds(6))
                    .noReport()
                    .progress(Duration.ofSeconds(1), ProgressReporter.Format.JSON)
                    .build();
            RunningTraffic.Result result = TrafficGenerator.start(options, Processes.JAR, progress::add).await();

            assertThat(result.exitCode()).as("stderr: %s", result.messages()).isZero();
            Summary s = result.summary();
            // Half of 80/s over the 4 s ramp, then 80/s for 2 s: 160 + 160 requests, 53.3/s on average.
            assertThat(s.plannedRequests()).isEqualTo(320);
            assertThat(s.requestedRps()).isCloseTo(53.33, within(0.01));
            assertThat(s.total().count()).isCloseTo(320L, within(13L));
            assertThat(s.shape()).isEqualTo("ramp 0 -> 80 rps over 4s");
            // Per-second reports during the ramp: the asked-for rate climbs by 20/s each second, and the load follows.
            List<Progress> ramp = progress.stream().filter(p -> p.elapsedSeconds() > 0.5 && p.elapsedSeconds() < 4.5).toList();
            assertThat(ramp).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ramp).isSortedAccordingTo((a, b) -> Double.compare(a.targetRps(), b.targetRps()));
            assertThat(ramp.get(ramp.size() - 1).rps()).isGreaterThan(ramp.get(0).rps() + 20);
        }
    }
}
