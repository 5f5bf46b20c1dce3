package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Track;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What the replicas share, like a kubelet: the launcher, one scheduler for probes and restarts, one HTTP client
 * for probes, the log, and whom to tell when a replica becomes ready or stops being ready.
 */
final class Supervisor implements AutoCloseable {

    final Launcher launcher;
    final ScheduledExecutorService scheduler;
    final HttpClient http;
    final Consumer<String> log;
    private final Runnable onReadinessChange;
    private final java.nio.file.Path instanceDir;
    private ServiceLauncher services;
    private Watchdog watchdog;
    private final java.util.concurrent.ExecutorService notifier;

    Supervisor(Launcher launcher, java.nio.file.Path instanceDir, Consumer<String> log, Runnable onReadinessChange) {
        this.launcher = launcher;
        this.instanceDir = instanceDir;
        this.log = log;
        this.onReadinessChange = onReadinessChange;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "lab-supervisor");
            t.setDaemon(true);
            return t;
        });
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-routes");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** Starts services, made with the first of them: a lab of sample-app alone starts no watchdog. */
    synchronized ServiceLauncher services() {
        if (services == null) {
            watchdog = new Watchdog(instanceDir, launcher.labPid());
            services = new ServiceLauncher(instanceDir, watchdog);
        }
        return services;
    }

    /** A new replica; {@code serial} makes its name unique for the life of the lab, as a pod name is. */
    Replica replica(VersionSpec version, Track track, int index, int serial) {
        String id = version.name() + "-" + track.label() + "-" + serial;
        return new Replica(this, version, track, index, id);
    }

    /**
     * Tells the runtime that a replica's readiness changed. Replicas call this holding their own lock, and the
     * runtime reads replicas holding its lock: handing the call to another thread keeps the two locks unordered.
     */
    void readinessChanged() {
        if (!notifier.isShutdown()) {
            notifier.execute(onReadinessChange);
        }
    }

    @Override
    public void close() {
        notifier.shutdownNow();
        scheduler.shutdownNow();
        synchronized (this) {
            if (watchdog != null) {
                watchdog.close();
            }
        }
    }
}
