package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The canary strategy: weights, pauses and analyses in steps, a background analysis beside them (Argo's canary.go). */
final class CanaryFlow {

    private final RolloutContext ctx;
    private final Strategy strategy;

    CanaryFlow(RolloutContext ctx) {
        this.ctx = ctx;
        this.strategy = ctx.strategy;
    }

    FlowEnd run() {
        Track baselineTrack = strategy.baseline() ? Track.BASELINE : Track.STABLE;
        Optional<Stop> notReady = ctx.deployNewVersion(strategy.baseline());
        if (notReady.isPresent()) {
            return notReady.get().end();
        }
        ctx.routes.startAffinity();
        int n = strategy.steps().size();
        for (int i = 0; i < n; i++) {
            Strategy.Step step = strategy.steps().get(i);
            Instant stepStart = Instant.now();
            ctx.enter(Phase.STEP, Narration.step(i + 1, n, step.describe()));
            ctx.emit(EventType.STEP, ctx.label);
            String result = "done";
            if (step instanceof Strategy.Step.SetWeight w) {
                ctx.setWeight(w.percent());
                if (strategy.background() && ctx.background == null) {
                    ctx.background = new BackgroundAnalysis(ctx, baselineTrack);
                }
            } else if (step instanceof Strategy.Step.SetHeaderRoute h) {
                ctx.routes.apply(h);
                startBackground(baselineTrack);
            } else if (step instanceof Strategy.Step.SetMirrorRoute m) {
                ctx.routes.apply(m);
                startBackground(baselineTrack);
            } else if (step instanceof Strategy.Step.Pause p) {
                Optional<Stop> stop = ctx.ticker.pause(p.duration());
                if (stop.isPresent()) {
                    return stoppedInStep(stop.get());
                }
            } else if (step instanceof Strategy.Step.Analysis a) {
                AnalysisRun.Ended ended = AnalysisRun.run(ctx, "step " + (i + 1) + " analysis", a.timing(),
                        baselineTrack, Track.CANARY, null);
                if (ended.stop() != null) {
                    return stoppedInStep(ended.stop());
                }
                RolloutRecord.Analysis done = ended.analysis();
                result = done.verdict().name();
                if (done.verdict() != Verdict.PASS) {
                    ctx.steps.add(new RolloutRecord.Step(i + 1, step.describe(), stepStart, Instant.now(), result));
                    return FlowEnd.notPassed(done);
                }
            }
            ctx.steps.add(new RolloutRecord.Step(i + 1, step.describe(), stepStart, Instant.now(), result));
        }
        RolloutRecord.Analysis bg = closeBackground();
        boolean stepPassed = ctx.analyses.stream().anyMatch(a -> a != bg && a.verdict() == Verdict.PASS);
        if (bg != null && (bg.verdict() == Verdict.FAIL || bg.verdict() == Verdict.ERROR
                || bg.verdict() != Verdict.PASS && !stepPassed)) {
            return FlowEnd.notPassed(bg);
        }
        return promote(bg == null ? null : bg.verdict());
    }

    /** The background analysis starts with the first weight, or the first route that sends the canary requests. */
    private void startBackground(Track baselineTrack) {
        if (strategy.background() && ctx.background == null && ctx.routes.any()) {
            ctx.background = new BackgroundAnalysis(ctx, baselineTrack);
        }
    }

    /** A step's wait that ended early: promoted from outside, the background analysis failed, or stopped. */
    private FlowEnd stoppedInStep(Stop stop) {
        if (stop.why() == Stop.Cause.PROMOTED_OUTSIDE) {
            closeBackground();
            return new FlowEnd(RolloutOutcome.PROMOTED, stop.message());
        }
        if (stop.why() == Stop.Cause.BACKGROUND_FAILED) {
            ctx.steps.add(new RolloutRecord.Step(ctx.steps.size() + 1, ctx.label, Instant.now(), Instant.now(),
                    "aborted"));
            return FlowEnd.notPassed(ctx.background.failed());
        }
        return stop.end();
    }

    private RolloutRecord.Analysis closeBackground() {
        if (ctx.background == null) {
            return null;
        }
        RolloutRecord.Analysis done = ctx.background.finish();
        ctx.background = null;
        return done;
    }

    private FlowEnd promote(Verdict backgroundVerdict) {
        ctx.enter(Phase.PROMOTION, "promotion");
        String blocked = ctx.webhooks.confirmPromotion(new RolloutRecord.Event(Instant.now(), EventType.PROMOTION,
                Narration.aboutToPromote(ctx.version)));
        if (blocked != null) {
            return new FlowEnd(RolloutOutcome.ROLLED_BACK, Narration.promotionBlocked(blocked));
        }
        ctx.routes.clear();
        ctx.runtime.promote();
        List<String> passed = ctx.analyses.stream().filter(a -> a.verdict() == Verdict.PASS)
                .map(RolloutRecord.Analysis::name).toList();
        return new FlowEnd(RolloutOutcome.PROMOTED, Narration.canaryPassed(ctx.version, passed, backgroundVerdict));
    }
}
