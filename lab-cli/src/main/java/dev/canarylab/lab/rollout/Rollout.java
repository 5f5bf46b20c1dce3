package dev.canarylab.lab.rollout;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one strategy against a runtime: deploys the new version, hands over to the {@link CanaryFlow} or the
 * {@link BlueGreenFlow}, and promotes or rolls back. Whatever happens (a failure, an exception, {@link #abort}),
 * traffic ends on a version that was judged or on stable. One thread drives it; {@link #abort} may come from
 * another (Ctrl-C).
 */
public final class Rollout {

    /**
     * @param title        what the reports call it, e.g. "slow-release: v1 -> v3"
     * @param readyTimeout how long the new version may take to become ready
     * @param promptEnter  a pause without duration may also end with Enter (a terminal is attached)
     */
    public record Settings(String title, Duration readyTimeout, boolean promptEnter) {
    }

    private final RolloutContext ctx;

    public Rollout(LabRuntime runtime, MetricSource source, CanaryConfig config, Strategy strategy, Settings settings,
            RolloutListener listener) {
        this.ctx = new RolloutContext(runtime, source, config, strategy, settings, listener);
    }

    /** Stops the rollout at its next tick; traffic goes back to stable. Safe from any thread. */
    public void abort(String reason) {
        ctx.abortReason = reason;
    }

    /** Runs the rollout of {@code newVersion} to its end and says what happened. */
    public RolloutRecord run(String newVersion) {
        try {
            return runToEnd(newVersion);
        } finally {
            ctx.webhooks.close();
        }
    }

    private RolloutRecord runToEnd(String newVersion) {
        Instant started = Instant.now();
        RuntimeStatus status = ctx.runtime.status();
        TrackStatus stable = status.track(Track.STABLE);
        if (stable == null) {
            throw new LabException(ExitCodes.NOT_READY, "no stable version is running; 'lab up' first");
        }
        if (stable.version().equals(newVersion)) {
            throw LabException.badInput(newVersion + " is already stable; roll out another version");
        }
        if (status.track(Track.CANARY) != null) {
            throw LabException.badInput("a canary (" + status.track(Track.CANARY).version()
                    + ") is already deployed; 'lab rollback' or 'lab promote' it first");
        }
        ctx.version = newVersion;
        ctx.stableVersion = stable.version();
        ctx.ticker.startTimeline(started);
        Strategy strategy = ctx.strategy;
        ctx.emit(EventType.START, Narration.started(newVersion, ctx.stableVersion, strategy.kind().label(),
                strategy.name(), ctx.source.describe()));
        FlowEnd end;
        try {
            end = strategy.kind() == Strategy.Kind.CANARY ? new CanaryFlow(ctx).run() : new BlueGreenFlow(ctx).run();
        } catch (RuntimeException e) {
            ctx.restore();
            throw e;
        }
        if (end.outcome() != RolloutOutcome.PROMOTED) {
            ctx.restore();
        } else {
            // Promoted from outside (lab promote): the runtime removed the routes, the affinity may remain.
            ctx.routes.clear();
        }
        String sentence = Narration.ending(end.why(), end.outcome(), ctx.stableVersion, newVersion);
        ctx.emit(switch (end.outcome()) {
            case PROMOTED -> EventType.PROMOTION;
            case ABORTED -> EventType.ABORT;
            default -> EventType.ROLLBACK;
        }, sentence);
        ctx.webhooks.close();
        ctx.webhooks.drainWarnings(w -> ctx.emit(EventType.WEBHOOK, w));
        return new RolloutRecord(ctx.settings.title(), strategy.kind().label(), ctx.stableVersion, newVersion,
                ctx.source.describe(), started, Instant.now(), end.outcome(), sentence, ctx.steps, ctx.analyses,
                ctx.timeline, ctx.events);
    }
}
