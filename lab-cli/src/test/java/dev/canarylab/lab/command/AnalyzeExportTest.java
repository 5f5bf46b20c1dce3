package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.ControlServer;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab analyze --export}: a target that cannot be written is refused before the analysis; one that breaks
 * during it (here: its folder's name taken by a file once the analysis reads data) costs the export, not the
 * verdict.
 */
class AnalyzeExportTest {

    @TempDir
    Path dir;

    private ControlServer server;

    /** Stable v1 and canary v2 serving alike; calls {@code onRead} at the analysis' first read. */
    private static final class SteadyLab implements LabRuntime, Telemetry {
        private final Runnable onRead;
        private final AtomicBoolean read = new AtomicBoolean();

        SteadyLab(Runnable onRead) {
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
        public MetricSource metricSource() {
            return new EmbeddedSource(this);
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

    private void labWith(Runnable onRead) {
        server = ControlServer.start(new SteadyLab(onRead), new NoTraffic(), "http://127.0.0.1:1", () -> { });
        new StateFile(dir.resolve("state")).write(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:1", server.token(), Instant.now()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anExportThatFailsAtTheEndStillPrintsTheVerdictAndOneErrorLine() {
        Path folder = dir.resolve("exports");
        labWith(() -> {
            try {
                Files.writeString(folder, "not a folder"); // the check before the analysis has passed by now
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Run run = Run.lab("analyze", "--interval", "1s", "--lifetime", "1s", "--export",
                folder.resolve("samples.json").toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(run.out()).as(run.err()).startsWith("Verdict: ").contains("latency", "errors");
        assertThat(run.err().lines().filter(l -> l.startsWith("lab: error:")).toList()).singleElement().asString()
                .startsWith("lab: error: cannot write --export " + folder.resolve("samples.json"))
                .endsWith(folder + " is in the way (a file, not a folder) (the verdict above stands)");
        assertThat(run.exitCode()).as("the verdict's exit code").isIn(0, 1, 3);
    }

    @Test
    void anExportThatWorksIsWrittenIntoAFolderMadeForIt() throws IOException {
        labWith(() -> { });
        Path file = dir.resolve("new/samples.json");

        Run run = Run.lab("analyze", "--interval", "1s", "--lifetime", "1s", "--export", file.toString(),
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.err()).doesNotContain("lab: error:");
        assertThat(Files.readString(file)).contains("latency");
    }
}
