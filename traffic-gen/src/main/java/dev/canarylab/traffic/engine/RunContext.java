package dev.canarylab.traffic.engine;

import dev.canarylab.traffic.TrafficOptions;
import dev.canarylab.traffic.mix.RequestMix;
import dev.canarylab.traffic.shape.Profile;
import dev.canarylab.traffic.stats.Recorder;
import dev.canarylab.traffic.users.Cohorts;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The state one run shares with its Gatling simulation. Gatling instantiates the simulation class itself, by
 * name and without arguments, so the run hands it over through {@link #current()}.
 */
public final class RunContext {

    private static volatile RunContext current;

    private final TrafficOptions options;
    private final RequestMix mix;
    private final Profile profile;
    private final Recorder recorder;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong users = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final Cohorts cohorts;
    private volatile boolean stopRequested;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile long startNanos;
    private volatile String warmUpUrl;
    private volatile long stopNanos;
    private final LongConsumer onStart;

    RunContext(TrafficOptions options, Profile profile, Recorder recorder, LongConsumer onStart) {
        this.options = options;
        this.onStart = onStart;
        this.mix = new RequestMix(options.endpoints(), options.seed());
        this.cohorts = new Cohorts(options.users().headerShare(), options.users().cookieShare(), options.seed());
        this.profile = profile;
        this.recorder = recorder;
    }

    static RunContext current() {
        RunContext c = current;
        if (c == null) {
            throw new IllegalStateException("LoadSimulation runs only inside a traffic-gen run");
        }
        return c;
    }

    static void install(RunContext context) {
        current = context;
    }

    TrafficOptions options() {
        return options;
    }

    RequestMix mix() {
        return mix;
    }

    Profile profile() {
        return profile;
    }

    Recorder recorder() {
        return recorder;
    }

    /** The endpoint index for the next arrival. */
    int nextEndpoint() {
        return mix.pick(arrivals.getAndIncrement());
    }

    /** A user arrived: its number, 0, 1, 2... in order of arrival. */
    long nextUser() {
        active.incrementAndGet();
        return users.getAndIncrement();
    }

    Cohorts cohorts() {
        return cohorts;
    }

    /**
     * A request is going out. The first one starts the run's clock: Gatling injects a few hundred milliseconds
     * after the simulation starts, and a segment's first user goes out at the segment's start, so the run began
     * when the first request was due.
     */
    void sent(long nanos) {
        if (started.compareAndSet(false, true)) {
            startNanos = nanos - profile.firstArrival().toNanos();
            onStart.accept(startNanos);
        }
        recorder.sent(nanos);
    }

    boolean started() {
        return started.get();
    }

    /** Whether the last arrival of the profile is past (false until the first request went out). */
    boolean injectionOver() {
        return started.get() && System.nanoTime() - startNanos >= profile.total().toNanos();
    }

    /** A user sent its last request (or gave up). */
    void userFinished() {
        active.decrementAndGet();
    }

    /** Whether the injection is over and every user has sent its last request. */
    boolean usersDone() {
        return injectionOver() && active.get() <= 0;
    }

    String warmUpUrl() {
        return warmUpUrl;
    }

    void warmUpUrl(String url) {
        warmUpUrl = url;
    }

    long startNanos() {
        return startNanos;
    }

    /** Asks the simulation to stop injecting; the next arrival stops the load generator. */
    void requestStop() {
        if (!stopRequested) {
            stopNanos = System.nanoTime();
            stopRequested = true;
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    long stopNanos() {
        return stopNanos;
    }
}
