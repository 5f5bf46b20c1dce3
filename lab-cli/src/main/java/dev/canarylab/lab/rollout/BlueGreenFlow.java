package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The blue-green strategy: the new version beside the active one on a preview route, an optional pre-promotion
 * analysis, a wait, the switch, an optional post-promotion analysis (Argo's bluegreen.go).
 */
final class BlueGreenFlow {

    private final RolloutContext ctx;
    private final Strategy.BlueGreen bg;

    BlueGreenFlow(RolloutContext ctx) {
        this.ctx = ctx;
        this.bg = ctx.strategy.blueGreen();
    }

    FlowEnd run() {
        String version = ctx.version;
        String stableVersion = ctx.stableVersion;
        // A fresh baseline of the active version beside the preview: both get the same smoke traffic, so the
        // pre-promotion analysis compares like with like (same requests, equally warm JVMs).
        boolean withBaseline = bg.prePromotion() != null;
        Optional<Stop> notReady = ctx.deployNewVersion(withBaseline);
        if (notReady.isPresent()) {
            return notReady.get().end();
        }
        RuntimeStatus status = ctx.runtime.status();
        ctx.emit(EventType.PREVIEW, Narration.preview(version, PreviewTraffic.HEADER, status.routerUrl(),
                stableVersion));
        if (bg.prePromotion() != null) {
            AnalysisRun.Ended ended = prePromotion(status);
            if (ended.stop() != null) {
                return ended.stop().end();
            }
            RolloutRecord.Analysis pre = ended.analysis();
            if (pre.verdict() != Verdict.PASS) {
                return FlowEnd.notPassed(pre);
            }
            ctx.runtime.deploy(stableVersion, Track.BASELINE, 0);
        }
        if (!bg.autoPromotionDelay().isZero()) {
            ctx.enter(Phase.WAITING_TO_SWITCH, "waiting before the switch");
            Optional<Stop> stop = ctx.ticker.pause(bg.autoPromotionDelay());
            if (stop.isPresent()) {
                return stop.get().end();
            }
        }
        String blocked = ctx.webhooks.confirmPromotion(new RolloutRecord.Event(Instant.now(), EventType.PROMOTION,
                Narration.aboutToSwitch(version)));
        if (blocked != null) {
            return new FlowEnd(RolloutOutcome.ROLLED_BACK, Narration.switchBlocked(blocked));
        }
        Instant switched = Instant.now();
        Instant before = switched.minus(bg.postPromotion() == null ? Duration.ZERO : bg.postPromotion().lifetime());
        ctx.enter(Phase.SWITCH, "switch");
        ctx.setWeight(100);
        ctx.emit(EventType.STEP, Narration.switched(version, stableVersion));
        ctx.steps.add(new RolloutRecord.Step(ctx.steps.size() + 1, "switch traffic", switched, Instant.now(), "done"));
        if (bg.postPromotion() != null) {
            ctx.enter(Phase.POST_PROMOTION_ANALYSIS, "post-promotion analysis");
            Instant s = Instant.now();
            AnalysisRun.Ended ended = AnalysisRun.run(ctx, "post-promotion analysis", bg.postPromotion(),
                    Track.STABLE, Track.CANARY, new Instant[] {before, switched});
            if (ended.stop() != null) {
                return ended.stop().end();
            }
            RolloutRecord.Analysis post = ended.analysis();
            ctx.steps.add(new RolloutRecord.Step(ctx.steps.size() + 1, "post-promotion analysis "
                    + bg.postPromotion().describe(), s, Instant.now(), post.verdict().name()));
            if (post.verdict() != Verdict.PASS) {
                ctx.setWeight(0);
                return FlowEnd.notPassed(post);
            }
        }
        ctx.runtime.promote();
        return new FlowEnd(RolloutOutcome.PROMOTED, Narration.blueGreenPassed(version, ctx.analyses.stream()
                .map(RolloutRecord.Analysis::name).toList()));
    }

    /** Smoke traffic on the preview route, shared by the new version and a fresh baseline, judged. */
    private AnalysisRun.Ended prePromotion(RuntimeStatus status) {
        ctx.enter(Phase.PRE_PROMOTION_ANALYSIS, "pre-promotion analysis");
        Instant s = Instant.now();
        AnalysisRun.Ended pre;
        try (PreviewTraffic preview = new PreviewTraffic(status.routerUrl(), bg.previewRate(),
                List.of(Track.BASELINE, Track.CANARY))) {
            ctx.emit(EventType.STEP, Narration.prePromotion(bg.previewRate(), ctx.version, ctx.stableVersion,
                    bg.prePromotion().describe(), bg.prePromotion().power() != null
                            && bg.prePromotion().power() == 0));
            pre = AnalysisRun.run(ctx, "pre-promotion analysis", bg.prePromotion(), Track.BASELINE, Track.CANARY,
                    null);
        }
        if (pre.stop() == null) {
            ctx.steps.add(new RolloutRecord.Step(1, "pre-promotion analysis " + bg.prePromotion().describe(), s,
                    Instant.now(), pre.analysis().verdict().name()));
        }
        return pre;
    }
}
