package dev.canarylab.traffic.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.traffic.Durations;
import dev.canarylab.traffic.shape.Profile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a {@link Progress} line every few seconds while a run goes on, as text or as one JSON object a line. */
public final class ProgressReporter implements AutoCloseable {

    /** How progress lines are written. */
    public enum Format { TEXT, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recorder recorder;
    private final Profile profile;
    private final boolean untilStopped;
    private final Format format;
    private final PrintStream out;
    private final String target;
    private final ScheduledExecutorService timer;
    private long startNanos;
    private Snapshot previous;
    private long previousNanos;

    public ProgressReporter(Recorder recorder, Profile profile, boolean untilStopped, Format format, PrintStream out,
                            String target) {
        this.recorder = recorder;
        this.profile = profile;
        this.untilStopped = untilStopped;
        this.format = format;
        this.out = out;
        this.target = target;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "traffic-gen-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Prints a first line at once (text: what is being sent; JSON: a report at 0 s), which tells a reader the
     * load has started, then one every {@code every} unless it is zero, counting time from {@code startNanos}.
     * Called from a Gatling thread, so the printing happens on the reporter's own thread.
     */
    public synchronized void start(long startNanos, Duration every) {
        this.startNanos = startNanos;
        this.previous = recorder.snapshot();
        this.previousNanos = startNanos;
        Progress first = between(previous, previous, 0, 0);
        timer.execute(() -> {
            if (format == Format.JSON) {
                print(first);
            } else {
                out.println("traffic-gen: sending " + profile.shape().describe() + " to " + target + " "
                        + (untilStopped ? "until stopped" : "for " + Durations.format(profile.total())));
            }
        });
        if (!every.isZero()) {
            // Ticks on whole intervals of the run's clock: 5 s, 10 s... however late this call came.
            long firstTick = Math.max(0, startNanos + every.toNanos() - System.nanoTime());
            timer.scheduleAtFixedRate(this::report, firstTick, every.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void report() {
        long now = System.nanoTime();
        Snapshot current = recorder.snapshot();
        Progress p = between(previous, current, previousNanos - startNanos, now - startNanos);
        previous = current;
        previousNanos = now;
        print(p);
    }

    private void print(Progress p) {
        try {
            out.println(format == Format.JSON ? JSON.writeValueAsString(p) : p.toText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a progress line", e);
        }
    }

    /** The progress over the interval from {@code fromNanos} to {@code toNanos} after the start. */
    Progress between(Snapshot earlier, Snapshot later, long fromNanos, long toNanos) {
        double seconds = Math.max((toNanos - fromNanos) / 1e9, 1e-3);
        LatencyHistogram.Counts interval = later.totalLatencies().minus(earlier.totalLatencies());
        long finished = interval.total();
        long ko = later.ko() - earlier.ko();
        Duration from = Duration.ofNanos(Math.max(fromNanos, 0));
        // A report at an instant (the first one) shows the rate asked for right then.
        Duration to = toNanos > fromNanos ? Duration.ofNanos(toNanos) : from.plusMillis(1);
        double target = profile.meanRps(from, to);
        return new Progress(Stats.round2(toNanos / 1e9),
                untilStopped ? null : (double) profile.total().toSeconds(),
                Stats.round2(target), Stats.round2((later.sent() - earlier.sent()) / seconds),
                later.count(), later.ko(), finished == 0 ? 0 : Stats.round2(100.0 * ko / finished),
                interval.percentile(50), interval.percentile(95), interval.percentile(99));
    }

    /** Stops the periodic lines; a first line still queued is printed. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
