package dev.canarylab.lab.command;

import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.runtime.Runtime;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import dev.canarylab.lab.traffic.TrafficProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A lab inside this process, as `lab demo` and `lab test` run it: the runtime (local, or a cluster), its control
 * API and state file (so that `lab status`, `lab promote` and `lab rollback` work from another terminal), and
 * traffic. Closing it stops everything and removes the state file.
 */
final class LocalLab implements AutoCloseable {

    private final StateFile file;
    private final long pid = ProcessHandle.current().pid();
    private final Runtime runtime;
    private final TrafficProcess traffic;
    private final ControlServer control;

    private LocalLab(StateFile file, Runtime runtime, TrafficProcess traffic, ControlServer control) {
        this.file = file;
        this.runtime = runtime;
        this.traffic = traffic;
        this.control = control;
    }

    static LocalLab start(RuntimeOptions options, Catalog catalog, LocalRuntime.Settings settings, Path trafficJar,
            StateFile file, Duration readyTimeout, Consumer<String> log) {
        TrafficProcess traffic = new TrafficProcess(trafficJar, log);
        Runtime runtime = options.start(catalog, settings, trafficJar, file.dir(), readyTimeout, log);
        ControlServer control = null;
        try {
            String router = runtime.status().routerUrl();
            control = ControlServer.start(runtime, traffic, router, () -> { }, file.dir().resolve("reports"));
            LocalLab lab = new LocalLab(file, runtime, traffic, control);
            file.write(new LabState(lab.pid, control.url(), router, control.token(), Instant.now(), null));
            RuntimeOptions.awaitReady(runtime, Track.STABLE, readyTimeout);
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

    Runtime runtime() {
        return runtime;
    }

    TrafficProcess traffic() {
        return traffic;
    }

    @Override
    public void close() {
        traffic.close();
        control.close();
        runtime.close();
        file.deleteIfOwnedBy(pid);
    }
}
