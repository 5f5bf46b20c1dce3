package dev.canarylab.lab.analysis;

import java.util.Map;

/**
 * One live analysis: a look every interval until the lifetime ends, each look judged at the level the
 * {@link AlphaSpending} scheme grants it, stopping early on a clear failure. The live runtime and rollouts
 * feed it the samples of {@link AnalysisPlan#windowStartSeconds} to now. Not thread-safe: one per analysis.
 */
public final class SequentialAnalysis {

    private final Judge judge;
    private final AnalysisPlan plan;
    private final AlphaSpending spending;
    private double endSeconds;
    private Judgement last;

    public SequentialAnalysis(CanaryConfig config) {
        this.judge = new Judge(config);
        this.plan = config.plan();
        this.endSeconds = plan.lookSeconds(plan.looks());
        this.spending = new AlphaSpending(1 - config.confidence(), endSeconds);
    }

    /**
     * Judges the samples collected so far.
     *
     * @param elapsedSeconds since the analysis started (warm-up included)
     * @param windowSeconds  how long the judged samples took to collect, or null if unknown
     */
    public Judgement look(Map<String, TrackPair> data, double elapsedSeconds, Double windowSeconds) {
        last = judge.judge(data, spending.look(elapsedSeconds), windowSeconds);
        return last;
    }

    /** The analysis is over: a look failed, or the lifetime has ended. */
    public boolean finished() {
        return last != null && (last.failed() || last.look().elapsedSeconds() >= endSeconds);
    }

    /** The latest judgement, or null before the first look. */
    public Judgement last() {
        return last;
    }

    /** Seconds since the start at which the analysis ends. */
    public double endSeconds() {
        return endSeconds;
    }

    /**
     * Low traffic: end {@code moreSeconds} later than planned, spreading the budget not yet spent. Extend
     * before the lifetime ends (when a look is INCONCLUSIVE and needs more time than is left): once the whole
     * budget is spent, later looks can no longer detect anything and so can no longer pass.
     */
    public void extend(double elapsedSeconds, double moreSeconds) {
        endSeconds += moreSeconds;
        spending.extend(elapsedSeconds, endSeconds);
    }
}
