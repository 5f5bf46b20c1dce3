package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The analysis that looks across all canary steps (Argo's background analysis): it never extends, and only ever
 * stops the rollout on a failure.
 */
final class BackgroundAnalysis {

    private final RolloutContext ctx;
    final AnalysisRun run;
    private Instant next;
    private RolloutRecord.Analysis failed;

    BackgroundAnalysis(RolloutContext ctx, Track baselineTrack) {
        this.ctx = ctx;
        Strategy strategy = ctx.strategy;
        double total = strategy.steps().stream().mapToDouble(s -> s instanceof Strategy.Step.Pause p
                && p.duration() != null ? p.duration().toMillis() / 1000.0 : s instanceof Strategy.Step.Analysis a
                        ? a.timing().lifetime().toMillis() / 1000.0 : 0).sum();
        Duration lifetime = Duration.ofMillis(Math.max(strategy.analysis().interval().toMillis(),
                Math.round(total * 1000)));
        run = new AnalysisRun(ctx, "background analysis", new Strategy.Timing(strategy.analysis().interval(),
                lifetime), baselineTrack, Track.CANARY, null, 0);
        next = run.nextLook();
        ctx.emit(EventType.ANALYSIS, Narration.backgroundStarted(strategy.analysis().interval()));
    }

    /** Looks when a look is due; a failure stops the rollout. */
    Optional<Stop> tick() {
        if (failed != null || Instant.now().isBefore(next)) {
            return Optional.empty();
        }
        boolean over = run.look();
        next = run.nextLook();
        Judgement j = run.sequential.last();
        if (j.verdict() == Verdict.FAIL) {
            failed = finish();
            return Optional.of(new Stop(Stop.Cause.BACKGROUND_FAILED, failed.sentence()));
        }
        if (over) {
            next = Instant.MAX;
        }
        return Optional.empty();
    }

    /** The failed analysis, or null while it has not failed. */
    RolloutRecord.Analysis failed() {
        return failed;
    }

    RolloutRecord.Analysis finish() {
        if (failed != null) {
            return failed;
        }
        if (run.sequential.last() == null) {
            run.look();
        }
        RolloutRecord.Analysis done = run.finish();
        ctx.analyses.add(done);
        ctx.emit(EventType.VERDICT, Narration.analysisEnded(run.name, done.sentence()));
        ctx.listener.analysed(done);
        return done;
    }
}
