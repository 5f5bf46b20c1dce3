package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Time in a rollout, in one place: every wait (pauses, readiness, the time between looks) ticks here, and each
 * tick records the timeline, runs the background analysis, reports progress, and notices what happened outside
 * (Ctrl-C, {@code lab promote}, {@code lab rollback}).
 */
final class Ticker {

    private static final long TICK_MILLIS = 250;

    private final RolloutContext ctx;
    private Instant lastSample = Instant.now();

    Ticker(RolloutContext ctx) {
        this.ctx = ctx;
    }

    void startTimeline(Instant at) {
        lastSample = at;
    }

    /**
     * Waits until {@code deadline} or until {@code done} says so, ticking; returns why the wait ended early, or
     * empty when it ran its course.
     */
    Optional<Stop> waitUntil(Instant deadline, BooleanSupplier done) {
        while (true) {
            if (ctx.abortReason != null) {
                return Optional.of(new Stop(Stop.Cause.ABORTED, Narration.stopped(ctx.abortReason)));
            }
            Optional<Stop> outside = sample();
            if (outside.isEmpty() && ctx.background != null) {
                outside = ctx.background.tick();
            }
            if (outside.isPresent()) {
                return outside;
            }
            ctx.webhooks.drainWarnings(w -> ctx.emit(EventType.WEBHOOK, w));
            ctx.listener.tick(ctx.progress());
            if (done.getAsBoolean() || !Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            long left = deadline.equals(Instant.MAX) ? TICK_MILLIS
                    : Math.min(TICK_MILLIS, Duration.between(Instant.now(), deadline).toMillis());
            try {
                Thread.sleep(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(new Stop(Stop.Cause.ABORTED, Narration.stopped("interrupted")));
            }
        }
    }

    /** A pause step: for {@code d}, or, without a duration, until promoted (or Enter, with a terminal). */
    Optional<Stop> pause(Duration d) {
        if (d != null) {
            return waitUntil(Instant.now().plus(d), () -> false);
        }
        ctx.emit(EventType.PAUSE, Narration.pausedUntilPromoted(ctx.settings.promptEnter()));
        return waitUntil(Instant.MAX, () -> ctx.settings.promptEnter() && enterPressed());
    }

    private static boolean enterPressed() {
        try {
            while (System.in.available() > 0) {
                if (System.in.read() == '\n') {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    /** One timeline point per second; also notices promotions and rollbacks made with other commands. */
    private Optional<Stop> sample() {
        Instant now = Instant.now();
        if (Duration.between(lastSample, now).toMillis() < 1000) {
            return Optional.empty();
        }
        RuntimeStatus status = ctx.runtime.status();
        TrackStatus canary = status.track(Track.CANARY);
        TrackStatus stable = status.track(Track.STABLE);
        if (ctx.phase.watchesOutside()) {
            if (stable != null && stable.version().equals(ctx.version)) {
                return Optional.of(new Stop(Stop.Cause.PROMOTED_OUTSIDE, Narration.promotedOutside(ctx.version)));
            }
            if (canary == null) {
                return Optional.of(new Stop(Stop.Cause.ABORTED, Narration.canaryRemovedOutside()));
            }
        }
        Map<Track, RolloutRecord.TrackPoint> points = new EnumMap<>(Track.class);
        for (TrackStatus t : status.tracks()) {
            RequestWindow w = ctx.runtime.telemetry().requests(t.track(), lastSample, now);
            double[] sorted = w.latenciesMs();
            Arrays.sort(sorted);
            Stats s = Stats.ofSorted(sorted);
            points.put(t.track(), new RolloutRecord.TrackPoint(t.version(), w.total(), w.errors(), s.p50(), s.p95(),
                    s.p99(), t.restarts()));
        }
        ctx.timeline.add(new RolloutRecord.TimePoint(now, ctx.weight, points));
        lastSample = now;
        return Optional.empty();
    }
}
