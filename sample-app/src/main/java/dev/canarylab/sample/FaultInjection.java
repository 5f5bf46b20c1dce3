package dev.canarylab.sample;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Applies the active faults to application requests. Health, metrics and admin routes are never wrapped.
 *
 * <p>Whether the n-th application request is slowed down or fails is a pure function of the seed and n, so a seed
 * replays the same sequence of failing and slow requests.
 */
final class FaultInjection implements AutoCloseable {

    /** What the faults were set to, and when: slow-start and crash timers count from then. */
    record Active(Faults faults, long sinceNanos, long sinceRequest) {
    }

    private static final int STREAM_LATENCY = 1;
    private static final int STREAM_JITTER = 2;
    private static final int STREAM_ERROR = 3;

    private final long seed;
    private final Metrics metrics;
    private final IntConsumer crash;
    private final AtomicLong requests = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<byte[]> leaked = new ArrayList<>();
    private final AtomicLong leakedBytes = new AtomicLong();
    private final long heapLimitForLeak = Runtime.getRuntime().maxMemory() / 2;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile Active active;
    private ScheduledFuture<?> crashTimer;

    FaultInjection(Faults initial, long seed, Metrics metrics, IntConsumer crash) {
        this.seed = seed;
        this.metrics = metrics;
        this.crash = crash;
        replace(initial);
    }

    Faults faults() {
        return active.faults();
    }

    long leakedBytes() {
        return leakedBytes.get();
    }

    /** The leak never grows past half the heap, so that health and metrics keep answering. */
    long effectiveLeakCap() {
        return Math.min(active.faults().leakCap(), heapLimitForLeak);
    }

    /** Replaces every fault at once; crash and slow-start timers start again from now. */
    synchronized void replace(Faults faults) {
        active = new Active(faults, System.nanoTime(), requests.get());
        if (crashTimer != null) {
            crashTimer.cancel(false);
            crashTimer = null;
        }
        if (!faults.crashAfter().isZero()) {
            String why = "after " + Units.format(faults.crashAfter());
            crashTimer = timer.schedule(() -> crashNow(faults.crashExitCode(), why),
                    faults.crashAfter().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Whether a slow start set at start-up (or through the admin API) is still holding readiness back. */
    boolean warmingUp() {
        Active a = active;
        return System.nanoTime() - a.sinceNanos() < a.faults().slowStart().toNanos();
    }

    /** Wraps an application handler so that every call first goes through the active faults. */
    Handler wrap(Handler handler) {
        return ctx -> {
            if (inject(ctx)) {
                handler.handle(ctx);
            }
        };
    }

    /** Applies the faults to one request; returns false when the request has been answered with an injected error. */
    /**
     * Waits {@code nanos} to the timer's precision. Java 17's Thread.sleep (and TimeUnit.sleep) rounds a delay with a
     * fraction of a millisecond up to the next whole one, so a 400us fault slept over a millisecond.
     */
    static void pause(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private boolean inject(Context ctx) throws InterruptedException {
        long n = requests.incrementAndGet();
        Active a = active;
        Faults f = a.faults();
        if (f.crashAfterRequests() > 0 && n - a.sinceRequest() > f.crashAfterRequests()) {
            crashNow(f.crashExitCode(), "after " + f.crashAfterRequests() + " requests");
        }
        if (!f.cpuBurn().isZero()) {
            burnCpu(f.cpuBurn());
            metrics.faultInjected("cpu_burn");
        }
        if (f.leak() > 0) {
            leak(f.leak());
        }
        if (f.latencyActive() && uniform(n, STREAM_LATENCY) < f.latencyRatio()) {
            long delay = f.latency().toNanos() + (long) (uniform(n, STREAM_JITTER) * f.latencyJitter().toNanos());
            pause(delay);
            metrics.faultInjected("latency");
        }
        if (uniform(n, STREAM_ERROR) < f.errorRate()) {
            metrics.faultInjected("error");
            ctx.status(500).json(java.util.Map.of("error", "injected fault: error rate " + f.errorRate(), "request", n));
            return false;
        }
        return true;
    }

    private void crashNow(int exitCode, String why) {
        System.err.println("sample-app: crash fault: exiting with code " + exitCode + " " + why);
        System.err.flush();
        crash.accept(exitCode);
    }

    private void burnCpu(Duration burn) {
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        long start = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        long sink = 0;
        while ((cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start < burn.toNanos()) {
            for (int i = 0; i < 1_000; i++) {
                sink = sink * 31 + i;
            }
        }
        if (sink == 42) {
            Thread.onSpinWait(); // keeps the loop from being optimised away
        }
    }

    private void leak(long bytes) {
        synchronized (leaked) {
            if (leakedBytes.get() + bytes > effectiveLeakCap()) {
                return;
            }
            byte[] chunk = new byte[Math.toIntExact(Math.min(bytes, Integer.MAX_VALUE - 8))];
            for (int i = 0; i < chunk.length; i += 4096) {
                chunk[i] = 1; // touch every page so that the process footprint grows too
            }
            leaked.add(chunk);
            leakedBytes.addAndGet(chunk.length);
        }
        metrics.faultInjected("leak");
    }

    /** A uniform number in [0, 1) for request n and one decision stream: SplitMix64 of (seed, n, stream). */
    double uniform(long n, int stream) {
        long z = seed + n * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
