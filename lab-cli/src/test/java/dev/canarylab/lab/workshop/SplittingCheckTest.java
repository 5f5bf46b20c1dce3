package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabProcess;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab check splitting} against a lab in this process: the real control API and state file, and the
 * attendee's real commands ({@code lab deploy}, {@code lab weight}); only the runtime behind the API keeps its
 * tracks in memory instead of starting processes.
 */
class SplittingCheckTest {

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void labUp() {
        server = ControlServer.start(new Tracks(), new NoTraffic(), "http://127.0.0.1:1", () -> { });
        new StateFile(dir.resolve(".lab")).write(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:1", server.token(), Instant.now(), null, LabProcess.current(), "local"));
    }

    private Attendee.Said lab(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = dir.resolve(".lab").toString();
        return Attendee.lab(all);
    }

    @Test
    void withNoLabRunningItSaysToStartOne() {
        Attendee.Said said = new Attendee(dir).check("splitting");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: no lab is running in " + dir.resolve(".lab")
                + "; hint: start one with 'lab up -d'");
    }

    @Test
    void withNothingOnTheCanaryTrackItSaysToDeployV2() {
        labUp();

        Attendee.Said said = new Attendee(dir).check("splitting");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: the lab runs v1 on stable and nothing on the canary track;"
                + " hint: deploy v2 there with 'lab deploy v2 --track canary'");
    }

    @Test
    void anotherVersionOnTheCanaryTrackIsNamed() {
        labUp();
        assertThat(lab("deploy", "v3", "--track", "canary", "--no-wait").exit()).isZero();

        Attendee.Said said = new Attendee(dir).check("splitting");

        assertThat(said.out()).isEqualTo("not yet: the canary track serves v3, not v2; hint: 'lab rollback' it,"
                + " then 'lab deploy v2 --track canary'");
    }

    @Test
    void v2AtTenPercentIsNotYetAndTheHintGivesTheWeight() {
        labUp();
        assertThat(lab("deploy", "v2", "--track", "canary", "--no-wait").exit()).isZero();
        assertThat(lab("weight", "10").exit()).isZero();

        Attendee.Said said = new Attendee(dir).check("splitting");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: v2 serves 10% of traffic on the canary track, want 25%;"
                + " hint: 'lab weight 25'");
    }

    @Test
    void v2AtTwentyFivePercentIsDone() {
        labUp();
        lab("deploy", "v2", "--track", "canary", "--no-wait");
        assertThat(lab("weight", "25").exit()).isZero();

        Attendee.Said said = new Attendee(dir).check("splitting");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).isEqualTo("done: v2 serves 25% of traffic on the canary track and v1 keeps 75%;"
                + " 'curl -H \"X-Lab-Track: canary\" http://127.0.0.1:1' reaches v2 every time");
    }

    /** Tracks and a weight in memory: what a runtime reports after deploy and weight, without processes. */
    private static final class Tracks implements LabRuntime, Telemetry {
        private final Map<Track, String> versions = new EnumMap<>(Map.of(Track.STABLE, "v1"));
        private int weight;

        @Override
        public synchronized void deploy(String version, Track track, int replicas) {
            if (replicas == 0) {
                versions.remove(track);
            } else {
                versions.put(track, version);
            }
        }

        @Override
        public synchronized void setWeight(int percent) {
            weight = percent;
        }

        @Override
        public synchronized void promote() {
            versions.put(Track.STABLE, versions.remove(Track.CANARY));
            weight = 0;
        }

        @Override
        public synchronized void rollback() {
            versions.remove(Track.CANARY);
            weight = 0;
        }

        @Override
        public synchronized RuntimeStatus status() {
            return new RuntimeStatus("http://127.0.0.1:1", weight, Instant.EPOCH, "lab up", versions.entrySet()
                    .stream().map(e -> new TrackStatus(e.getKey(), e.getValue(), "blue", 1, List.of(), List.of()))
                    .toList());
        }

        @Override
        public Telemetry telemetry() {
            return this;
        }

        @Override
        public MetricSource metricSource() {
            return new EmbeddedSource(this);
        }

        @Override
        public RequestWindow requests(Track track, Instant from, Instant to) {
            throw new UnsupportedOperationException("lab check reads no telemetry");
        }

        @Override
        public List<ResourceSample> resources(Track track, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            return "";
        }

        @Override
        public String stop() {
            return "";
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
