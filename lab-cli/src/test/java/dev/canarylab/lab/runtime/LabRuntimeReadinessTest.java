package dev.canarylab.lab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Readiness through the runtime interface: what every runtime that only reports its status gets. */
class LabRuntimeReadinessTest {

    private static InstanceStatus instance(String id, InstanceStatus.Phase phase, boolean ready, String lastExit) {
        return new InstanceStatus(id, phase, ready, 0, 1, 8080, Instant.EPOCH, lastExit);
    }

    private static LabRuntime reporting(Supplier<List<TrackStatus>> tracks) {
        return new LabRuntime() {
            @Override
            public void deploy(String version, Track track, int replicas) {
            }

            @Override
            public void setWeight(int percent) {
            }

            @Override
            public void promote() {
            }

            @Override
            public void rollback() {
            }

            @Override
            public RuntimeStatus status() {
                return new RuntimeStatus("http://router", 0, Instant.EPOCH, "", tracks.get());
            }

            @Override
            public Telemetry telemetry() {
                return null;
            }

            @Override
            public MetricSource metricSource() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void returnsOnceEveryReplicaIsReady() {
        int[] polls = {0};
        LabRuntime rt = reporting(() -> List.of(new TrackStatus(Track.CANARY, "v2", "green", 2,
                List.of(instance("v2-canary-0", InstanceStatus.Phase.RUNNING, true, ""),
                        instance("v2-canary-1", InstanceStatus.Phase.RUNNING, ++polls[0] > 3, "")), List.of())));

        rt.awaitReady(Track.CANARY, Duration.ofSeconds(30));

        assertThat(polls[0]).isEqualTo(4);
    }

    @Test
    void aTrackThatIsNotDeployedIsNothingToWaitFor() {
        reporting(List::of).awaitReady(Track.BASELINE, Duration.ofSeconds(30));
    }

    @Test
    void aFailedInstanceEndsTheWaitAtOnceAndIsNamedWithItsExit() {
        LabRuntime rt = reporting(() -> List.of(new TrackStatus(Track.CANARY, "v6", "orange", 1,
                List.of(instance("v6-canary-0", InstanceStatus.Phase.FAILED, false, "exit 2")), List.of())));

        assertThatThrownBy(() -> rt.awaitReady(Track.CANARY, Duration.ofMinutes(10)))
                .isInstanceOf(LabException.class)
                .hasMessage("v6 on canary: 0/1 ready; v6-canary-0 Error (exit 2)")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.NOT_READY);
    }

    @Test
    void theTimeoutNamesTheInstancesNotReadyAndHowLongItWaited() {
        LabRuntime rt = reporting(() -> List.of(new TrackStatus(Track.STABLE, "v2", "green", 1,
                List.of(instance("v2-stable-0", InstanceStatus.Phase.STARTING, false, "")), List.of())));

        assertThatThrownBy(() -> rt.awaitReady(Track.STABLE, Duration.ofMillis(200)))
                .hasMessage("v2 on stable: 0/1 ready after 0 s; v2-stable-0 ContainerCreating");
    }
}
