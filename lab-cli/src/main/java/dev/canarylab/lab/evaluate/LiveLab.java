package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import dev.canarylab.lab.runtime.local.RequestLog;
import dev.canarylab.lab.traffic.TrafficProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lab {@code lab evaluate --live} records from: the local runtime with v1 on the baseline and on the canary
 * track (one instance each, 50% of the traffic each; stable keeps its instance but no traffic), and traffic-gen
 * sending to the router at twice the rate each track gets. The canary's scenario is set with faults between
 * recordings; the instances keep running from one scenario to the next.
 */
public final class LiveLab implements AutoCloseable {

    /** Seeds of the instances' fault decisions: the lab's default, so runs replay the same failing requests. */
    private static final long SEED = 42;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final LocalRuntime runtime;
    private final TrafficProcess traffic;
    private final LiveFaults faults;
    private volatile boolean stopped;

    private LiveLab(LocalRuntime runtime, TrafficProcess traffic) {
        this.runtime = runtime;
        this.traffic = traffic;
        this.faults = new LiveFaults(runtime);
    }

    /** Both tracks get {@code rpsPerTrack}, in expectation (the router picks a track per request by weight). */
    public static LiveLab start(Path sampleJar, Path trafficJar, double rpsPerTrack, Consumer<String> log) {
        Catalog catalog = new Catalog("v1", Map.of("v1", new VersionSpec("v1", "blue", "v1 on both tracks", Map.of())));
        LocalRuntime runtime = LocalRuntime.start(catalog,
                new LocalRuntime.Settings(sampleJar, "127.0.0.1", 0, "128m", SEED, 1), log);
        TrafficProcess traffic = new TrafficProcess(trafficJar, log);
        LiveLab lab = new LiveLab(runtime, traffic);
        try {
            runtime.deploy("v1", Track.BASELINE, 1);
            runtime.deploy("v1", Track.CANARY, 1);
            for (Track t : Track.values()) {
                runtime.awaitReady(t, READY_TIMEOUT);
            }
            runtime.setWeight(50);
            Map<String, Object> healthy = Map.of("errorRate", SyntheticTraffic.BASE_ERROR_RATE);
            lab.faults.set(Track.BASELINE, healthy);
            lab.faults.set(Track.CANARY, healthy);
            traffic.start(runtime.routerUrl(), List.of("--rps", number(2 * rpsPerTrack), "--no-report",
                    "--progress-every", "0"));
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    void setCanary(Map<String, Object> canaryFaults) {
        faults.set(Track.CANARY, canaryFaults);
    }

    RequestLog requests(Track track, Instant from, Instant to) {
        return runtime.telemetry().requestLog(track, from, to);
    }

    /** Resource samples from a scrape before {@code from}, so that the first step has a CPU rate. */
    List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return runtime.telemetry().resources(track, from.minusSeconds(5), to);
    }

    /** Waits, in small steps so that Ctrl-C ends it at once; {@code tick} hears the seconds waited every 30 s. */
    void await(Duration d, Consumer<Long> tick) {
        long started = System.nanoTime();
        long end = started + d.toNanos();
        long nextTick = 30;
        while (System.nanoTime() < end) {
            if (stopped) {
                throw new LabException(ExitCodes.INTERRUPTED, "stopped: Ctrl-C");
            }
            if (!traffic.running()) {
                throw new LabException(ExitCodes.SOFTWARE, "traffic-gen stopped; the recording would be short");
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException(ExitCodes.INTERRUPTED, "interrupted");
            }
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            if (waited >= nextTick) {
                tick.accept(waited);
                nextTick += 30;
            }
        }
    }

    /** Asks a wait in progress to end (Ctrl-C). */
    public void stop() {
        stopped = true;
    }

    /** Stops traffic, then every instance and the router; returns when none is left. */
    @Override
    public void close() {
        traffic.close();
        runtime.close();
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String duration(double seconds) {
        return Durations.format(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
