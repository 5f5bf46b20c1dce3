package dev.canarylab.lab.command;

import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** A lab for commands that talk to one ({@code lab analyze}): stable v1 and canary v2 serving alike, no processes. */
final class SteadyLab {

    private SteadyLab() {
    }

    /**
     * Serves the lab's control API and writes its state file into {@code stateDir}.
     *
     * @param prometheusUrl where analyses read metrics, or null for the router's own telemetry
     * @param onRead        runs at the analysis' first read of the telemetry
     */
    static ControlServer serve(Path stateDir, String prometheusUrl, Runnable onRead) {
        ControlServer server = ControlServer.start(new Lab(onRead), new NoTraffic(), "http://127.0.0.1:1", () -> { });
        new StateFile(stateDir).write(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:1", server.token(), Instant.now(), prometheusUrl));
        return server;
    }

    /** Stable v1 and canary v2 serving alike; calls {@code onRead} at the analysis' first read. */
    private static final class Lab implements LabRuntime, Telemetry {
        private final Runnable onRead;
        private final AtomicBoolean read = new AtomicBoolean();

        Lab(Runnable onRead) {
            this.onRead = onRead;
        }

        @Override
        public RequestWindow requests(Track track, Instant from, Instant to) {
            if (read.compareAndSet(false, true)) {
                onRead.run();
            }
            double[] latencies = new double[200];
            long[] bytes = new long[200];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = 10 + (i % 20) * 0.1;
                bytes[i] = 1000;
            }
            return new RequestWindow(track, from, to, latencies, bytes, 0,
                    Set.of(track == Track.CANARY ? "v2" : "v1"), true);
        }

        @Override
        public List<ResourceSample> resources(Track track, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public RuntimeStatus status() {
            return new RuntimeStatus("http://127.0.0.1:1", 10, Instant.EPOCH, "lab up", List.of(
                    new TrackStatus(Track.STABLE, "v1", "blue", 1, List.of(), List.of()),
                    new TrackStatus(Track.CANARY, "v2", "green", 1, List.of(), List.of())));
        }

        @Override
        public Telemetry telemetry() {
            return this;
        }

        @Override
        public dev.canarylab.lab.runtime.MetricSource metricSource() {
            return new dev.canarylab.lab.metrics.EmbeddedSource(this);
        }

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
