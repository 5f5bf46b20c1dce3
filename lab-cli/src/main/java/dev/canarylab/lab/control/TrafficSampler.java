package dev.canarylab.lab.control;

import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Once a second, what each track answered in that second (from the runtime's telemetry, the same data as
 * {@code /v1/telemetry/requests}) and the runtime's status: the dashboard's charts. Keeps the last
 * {@link #HISTORY} seconds. Runs only while someone watches (a page is open, or asked within the last minute).
 */
final class TrafficSampler implements AutoCloseable {

    static final int HISTORY = 300;
    private static final Duration INTEREST = Duration.ofSeconds(60);

    /**
     * One track during one second; latency quantiles in ms are null when it answered no request.
     */
    record TrackPoint(String track, String version, String color, long requests, long errors, Double p50, Double p95,
            Double p99, int restarts) {
    }

    /** One second of the lab: epoch milliseconds at its end, the canary weight, every track. */
    record Point(long t, int weight, List<TrackPoint> tracks) {
    }

    record Sample(Point point, RuntimeStatus status) {
    }

    private final LabRuntime runtime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Point> history = new ArrayDeque<>();
    private final List<Consumer<Sample>> watchers = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> task;
    private Instant last;
    private Instant interest = Instant.EPOCH;
    private volatile RuntimeStatus status;

    TrafficSampler(LabRuntime runtime) {
        this.runtime = runtime;
    }

    void watch(Consumer<Sample> watcher) {
        watchers.add(watcher);
        interested();
    }

    void unwatch(Consumer<Sample> watcher) {
        watchers.remove(watcher);
    }

    /** Someone looks: sample (again) if not sampling. */
    synchronized void interested() {
        interest = Instant.now();
        if (task == null) {
            last = Instant.now();
            task = timer.scheduleAtFixedRate(this::sample, 1000, 1000, TimeUnit.MILLISECONDS);
        }
    }

    synchronized List<Point> history() {
        return List.copyOf(history);
    }

    /** The latest status, read now when none was sampled yet. */
    RuntimeStatus status() {
        RuntimeStatus s = status;
        return s != null ? s : runtime.status();
    }

    private void sample() {
        synchronized (this) {
            if (watchers.isEmpty() && Duration.between(interest, Instant.now()).compareTo(INTEREST) > 0) {
                task.cancel(false);
                task = null;
                return;
            }
        }
        Sample sample;
        try {
            Instant now = Instant.now();
            RuntimeStatus s = runtime.status();
            List<TrackPoint> tracks = new ArrayList<>();
            for (TrackStatus t : s.tracks()) {
                // What clients got: mirrored copies (a dark launch) would show a canary serving traffic no one sees.
                RequestWindow w = runtime.telemetry().requests(t.track(), last, now, Telemetry.Origin.CLIENT);
                double[] sorted = w.latenciesMs();
                Arrays.sort(sorted);
                Stats st = Stats.ofSorted(sorted);
                tracks.add(new TrackPoint(t.track().label(), t.version(), t.color(), w.total(), w.errors(), finite(st.p50()),
                        finite(st.p95()), finite(st.p99()), t.restarts()));
            }
            last = now;
            status = s;
            sample = new Sample(new Point(now.toEpochMilli(), s.canaryWeight(), tracks), s);
            synchronized (this) {
                history.addLast(sample.point());
                while (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
        } catch (RuntimeException e) {
            return; // a runtime busy changing (or a cluster API hiccup): the chart shows a gap
        }
        for (Consumer<Sample> w : watchers) {
            try {
                w.accept(sample);
            } catch (RuntimeException e) {
                watchers.remove(w); // an exception would end the timer's task: sampling would stop for every page
            }
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
