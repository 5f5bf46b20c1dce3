package dev.canarylab.lab.rollout;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One {@link AnalysisRun} of what runs now, without deploying or changing traffic: {@code lab analyze}.
 * {@link #abort} (Ctrl-C, from another thread) ends it with what its looks so far say.
 */
public final class StandaloneAnalysis {

    /**
     * @param analysis          the judgement of the last look
     * @param stopped           why the analysis ended before its lifetime, or null when it ran to its end
     * @param lastData          the data of the last look (what {@code --export} saves for {@code lab judge})
     * @param lastWindowSeconds how long the last look's samples took to collect
     */
    public record Result(RolloutRecord.Analysis analysis, String stopped, Map<String, TrackPair> lastData,
            double lastWindowSeconds) {
    }

    private final RolloutContext ctx;
    private final Strategy.Timing timing;

    public StandaloneAnalysis(LabRuntime runtime, MetricSource source, CanaryConfig config, Strategy.Timing timing,
            RolloutListener listener) {
        this.timing = timing;
        this.ctx = new RolloutContext(runtime, source, config, Strategy.analysisOnly(timing.interval(),
                timing.lifetime()), new Rollout.Settings("analysis", Duration.ofSeconds(1), false), listener);
    }

    /** Ends the analysis at its next tick. Safe from any thread. */
    public void abort(String reason) {
        ctx.abortReason = reason;
    }

    /**
     * Judges {@code canaryTrack} against {@code baselineTrack}; stopped before its first look, it is an
     * {@link ExitCodes#INTERRUPTED} error, since nothing was judged.
     */
    public Result run(Track baselineTrack, Track canaryTrack) {
        RuntimeStatus status = ctx.runtime.status();
        TrackStatus c = status.track(canaryTrack);
        TrackStatus b = status.track(baselineTrack);
        if (c == null || b == null) {
            String missing = (c == null ? canaryTrack : baselineTrack).label();
            throw LabException.badInput("nothing is deployed on the " + missing + " track; 'lab deploy VERSION --track "
                    + missing + "' first");
        }
        ctx.version = c.version();
        ctx.stableVersion = b.version();
        ctx.weight = status.canaryWeight();
        ctx.ticker.startTimeline(Instant.now());
        ctx.enter(Phase.ANALYSIS_ONLY, "analysis");
        AnalysisRun run = new AnalysisRun(ctx, "analysis", timing, baselineTrack, canaryTrack, null,
                ctx.strategy.extensions());
        AnalysisRun.Ended ended = AnalysisRun.run(ctx, run);
        if (ended.stop() == null) {
            return new Result(ended.analysis(), null, ctx.lastData, ctx.lastWindowSeconds);
        }
        if (run.sequential.last() == null) {
            throw new LabException(ExitCodes.INTERRUPTED, Narration.nothingJudged(ended.stop().message()));
        }
        return new Result(run.finish(), ended.stop().message(), ctx.lastData, ctx.lastWindowSeconds);
    }
}
