package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.InstanceStatus.Phase;
import dev.canarylab.lab.runtime.Track;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One supervised replica: a sample-app child process or an instance of a service, its readiness probe, and
 * restarts with back-off when the process dies. Only a ready replica is routed to; a dead one stops being ready
 * the moment its process exits. A service that exits before it was ever ready, or is not ready within its
 * startTimeout, fails for good (Error) with the last lines of its output: starting it again would only repeat it.
 */
final class Replica {

    private static final Pattern LISTENING = Pattern.compile("listening on http://([^:/\\s]+):(\\d+)");
    private static final long PROBE_STARTING_MS = 100;
    private static final long PROBE_READY_MS = 1000;
    /** As a Kubernetes probe's failureThreshold: one slow answer under load does not take a replica out. */
    private static final int FAILURE_THRESHOLD = 3;
    private static final int EXIT_USAGE = 2;
    /** The lines of a failed service's output shown with its error. */
    static final int OUTPUT_LINES = 20;

    final Supervisor sup;
    final VersionSpec version;
    final Track track;
    final int index;
    final String id;
    private final Backoff backoff = new Backoff();

    private Process process;
    private volatile int port;
    private volatile boolean ready;
    private Phase phase = Phase.STARTING;
    private int restarts;
    private Instant since = Instant.now();
    private Instant started;
    private String lastExit = "";
    private String lastLine = "";
    private boolean stopping;
    /** Whether the current process printed its start-up line, which sample-app does only once its flags are accepted. */
    private boolean listened;
    private int probeFailures;
    private ScheduledFuture<?> pending;
    private java.nio.file.Path log;
    private java.util.List<String> lastOutput = java.util.List.of();
    private boolean everReady;
    /** Stops the tree of a service that failed to start; closing the lab waits for it. */
    private Thread failedStopper;

    Replica(Supervisor sup, VersionSpec version, Track track, int index, String id) {
        this.sup = sup;
        this.version = version;
        this.track = track;
        this.index = index;
        this.id = id;
    }

    synchronized void start() {
        if (stopping) {
            return;
        }
        phase = Phase.STARTING;
        since = Instant.now();
        port = 0;
        if (!version.sampleApp()) {
            startService();
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(sup.launcher.command(version, track, id, index))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            sup.launcher.environment(pb.environment());
            process = pb.start();
        } catch (IOException e) {
            phase = Phase.FAILED;
            lastExit = "could not start java: " + e.getMessage();
            sup.log.accept(id + ": " + lastExit);
            return;
        }
        started = Instant.now();
        probeFailures = 0;
        listened = false;
        Process p = process;
        Thread reader = new Thread(() -> readStderr(p), id + "-stderr");
        reader.setDaemon(true);
        reader.start();
        p.onExit().thenAccept(this::exited);
    }

    private void startService() {
        try {
            ServiceLauncher.Started s = sup.services().start(version, track, id);
            process = s.process();
            port = s.port();
            log = s.log();
        } catch (IOException | RuntimeException e) {
            phase = Phase.FAILED;
            lastExit = "could not start: " + e.getMessage();
            sup.log.accept(id + ": " + lastExit);
            return;
        }
        started = Instant.now();
        probeFailures = 0;
        listened = true;
        sup.log.accept(id + ": started (pid " + process.pid() + ", port " + port + ", output in " + log + ")");
        process.onExit().thenAccept(this::exited);
        schedule(this::probe, 0);
    }

    private void readStderr(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = LISTENING.matcher(line);
                synchronized (this) {
                    lastLine = line;
                    if (m.find() && p == process) {
                        listened = true;
                        port = Integer.parseInt(m.group(2));
                        schedule(this::probe, 0);
                    }
                }
                sup.log.accept(id + " | " + line);
            }
        } catch (IOException e) {
            // the process is gone; exited() reports it
        }
    }

    private void probe() {
        Process p;
        int target;
        synchronized (this) {
            p = process;
            target = port;
        }
        if (p == null || !p.isAlive() || target == 0) {
            return;
        }
        boolean ok;
        String seen = "";
        try {
            if (version.sampleApp()) {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + "/health/ready"))
                        .timeout(Duration.ofSeconds(1)).GET().build();
                ok = sup.http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } else {
                ReadinessProbe.Result r = ReadinessProbe.check(version.service().readiness(), target, sup.http);
                ok = r.ready();
                seen = r.seen();
            }
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (p != process || stopping) {
                return;
            }
            if (!ok && phase == Phase.STARTING && !version.sampleApp()
                    && Duration.between(started, Instant.now()).compareTo(version.service().startTimeout()) > 0) {
                failStart(p, "not ready after " + seconds(version.service().startTimeout()) + ": " + seen);
                return;
            }
            everReady |= ok;
            probeFailures = ok ? 0 : probeFailures + 1;
            if (ok && phase == Phase.STARTING) {
                phase = Phase.RUNNING;
                since = Instant.now();
                sup.log.accept(id + ": ready on port " + target + " after "
                        + Duration.between(started, Instant.now()).toMillis() + " ms");
            }
            schedule(this::probe, ok || ready ? PROBE_READY_MS : PROBE_STARTING_MS);
            setReady(ok || (ready && probeFailures < FAILURE_THRESHOLD));
        }
    }

    /** A service that never became ready: it fails for good, and its process tree is stopped. */
    private void failStart(Process p, String why) {
        phase = Phase.FAILED;
        since = Instant.now();
        lastExit = why;
        process = null;
        port = 0;
        setReady(false);
        sup.log.accept(id + ": " + why);
        Thread t = new Thread(() -> {
            try {
                ProcessTree.stop(p, ReplicaStopper.STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ProcessTree.killGroup(p.pid());
            sup.services().exited(p);
            synchronized (this) {
                lastOutput = ProcessTree.lastLines(log, OUTPUT_LINES);
            }
        }, "stop-" + id);
        t.setDaemon(true);
        t.start();
        failedStopper = t;
        lastOutput = ProcessTree.lastLines(log, OUTPUT_LINES);
    }

    private void exited(Process p) {
        if (!version.sampleApp()) {
            // What the service left running (a wrapper's children) goes with it: the group is the instance.
            ProcessTree.killGroup(p.pid());
            sup.services().exited(p);
        }
        synchronized (this) {
            if (p != process) {
                return;
            }
            Duration ran = Duration.between(started, Instant.now());
            int code = p.exitValue();
            if (!version.sampleApp()) {
                lastOutput = ProcessTree.lastLines(log, OUTPUT_LINES);
            }
            if (stopping) {
                phase = Phase.TERMINATING;
            } else if (!version.sampleApp() && !everReady && restarts == 0) {
                phase = Phase.FAILED;
                since = Instant.now();
                lastExit = "exit " + code + " after " + seconds(ran) + ", before it was ready";
                sup.log.accept(id + ": " + lastExit + "; its output is in " + log);
            } else if (code == EXIT_USAGE && !listened) {
                // sample-app refused its flags: starting it again cannot help. After its start-up line, exit 2 is
                // a crash like any other (a crash fault may use that code) and is restarted.
                phase = Phase.FAILED;
                lastExit = "exit 2 (bad flags): " + lastLine;
                sup.log.accept(id + ": " + lastExit);
            } else {
                restarts++;
                Duration delay = backoff.next(ran);
                lastExit = "exit " + code + " after " + seconds(ran);
                phase = Phase.CRASH_LOOP;
                since = Instant.now();
                sup.log.accept(id + ": " + lastExit + "; restart " + restarts + " in " + seconds(delay)
                        + " (CrashLoopBackOff)");
                schedule(this::start, delay.toMillis());
            }
            process = null;
            port = 0;
            setReady(false);
        }
    }

    /** Called with the replica's lock held, so that a probe answer cannot overtake the exit of its process. */
    private void setReady(boolean now) {
        if (ready != now) {
            ready = now;
            if (!now) {
                sup.log.accept(id + ": not ready");
            }
            sup.readinessChanged();
        }
    }

    private synchronized void schedule(Runnable task, long delayMs) {
        if (!stopping && !sup.scheduler.isShutdown()) {
            pending = sup.scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Takes the replica out of the routing, asks the process to drain (SIGTERM), and kills it after the grace period. */
    void stop(Duration grace) {
        Process p;
        Thread failed;
        synchronized (this) {
            failed = failedStopper;
            stopping = true;
            phase = Phase.TERMINATING;
            if (pending != null) {
                pending.cancel(false);
            }
            p = process;
            setReady(false);
        }
        if (p == null) {
            if (failed != null) {
                try {
                    failed.join(grace.toMillis() + 6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return;
        }
        if (!version.sampleApp()) {
            try {
                ProcessTree.stop(p, grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ProcessTree.killGroup(p.pid());
            sup.services().exited(p);
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean ready() {
        return ready;
    }

    /** No process and none coming by itself soon: refused its flags, or waiting out a crash-loop back-off. */
    synchronized boolean dead() {
        return process == null && !stopping;
    }

    int port() {
        return port;
    }

    synchronized long pid() {
        return process == null ? 0 : process.pid();
    }

    synchronized int restarts() {
        return restarts;
    }

    synchronized InstanceStatus status() {
        return new InstanceStatus(id, phase, ready, restarts, pid(), port, since, lastExit,
                phase == Phase.FAILED || phase == Phase.CRASH_LOOP ? lastOutput : java.util.List.of());
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : d.toSeconds() + " s";
    }
}
