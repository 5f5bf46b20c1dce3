package dev.canarylab.lab.command;

import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabProcess;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import dev.canarylab.lab.traffic.TrafficProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A lab inside this process, as `lab demo` and `lab test` run it: the runtime (local, or a cluster), its control
 * API and state file (so that `lab status`, `lab promote` and `lab rollback` work from another terminal), and
 * traffic. Closing it stops everything and removes the state file.
 */
final class LocalLab implements AutoCloseable {

    private final StateFile file;
    private final long pid = ProcessHandle.current().pid();
    private final LabRuntime runtime;
    private final TrafficProcess traffic;
    private final ControlServer control;
    private final URI prometheus;
    private LabState state;

    private LocalLab(StateFile file, LabRuntime runtime, TrafficProcess traffic, ControlServer control, URI prometheus) {
        this.file = file;
        this.runtime = runtime;
        this.traffic = traffic;
        this.control = control;
        this.prometheus = prometheus;
    }

    /** A lab whose analyses read the runtime's own metric source, and that `lab down` cannot stop. */
    static LocalLab start(RuntimeOptions options, Catalog catalog, LocalRuntime.Settings settings, Path trafficJar,
            StateFile file, Duration readyTimeout, Consumer<String> log) {
        return start(options, catalog, settings, trafficJar, file, readyTimeout, log, r -> null, () -> { });
    }

    /**
     * Starts the runtime, then {@code metrics} (which may point the runtime at a Prometheus and returns its URL,
     * or null), then the control API and the state file, and waits for stable.
     *
     * @param down what the control API's {@code /v1/down} does
     */
    static LocalLab start(RuntimeOptions options, Catalog catalog, LocalRuntime.Settings settings, Path trafficJar,
            StateFile file, Duration readyTimeout, Consumer<String> log, Function<LabRuntime, URI> metrics,
            Runnable down) {
        file.createDirectory(); // before anything writes into it: private, even if it existed
        TrafficProcess traffic = new TrafficProcess(trafficJar, log);
        LabRuntime runtime = options.start(catalog, settings, trafficJar, file.dir(), readyTimeout, log);
        ControlServer control = null;
        try {
            String router = runtime.status().routerUrl();
            URI prometheus = metrics.apply(runtime);
            control = ControlServer.start(runtime, traffic, router, down, file.dir().resolve("reports"));
            LocalLab lab = new LocalLab(file, runtime, traffic, control, prometheus);
            lab.state = new LabState(lab.pid, control.url(), router, control.token(), Instant.now(),
                    prometheus == null ? null : prometheus.toString(), LabProcess.current(), options.kind().label());
            file.write(lab.state);
            runtime.awaitReady(Track.STABLE, readyTimeout);
            return lab;
        } catch (RuntimeException e) {
            traffic.close();
            if (control != null) {
                control.close();
            }
            runtime.close();
            file.deleteIfOwnedBy(ProcessHandle.current().pid());
            throw e;
        }
    }

    LabRuntime runtime() {
        return runtime;
    }

    TrafficProcess traffic() {
        return traffic;
    }

    /** The Prometheus analyses read from, or null when they read the runtime's own telemetry. */
    URI prometheus() {
        return prometheus;
    }

    /** What it wrote in the state file: its addresses and token. */
    LabState state() {
        return state;
    }

    @Override
    public void close() {
        traffic.close();
        control.close();
        runtime.close();
        file.deleteIfOwnedBy(pid);
    }
}
