package dev.canarylab.lab.analysis;

import java.util.ArrayList;
import java.util.List;
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
    private final List<double[]> history = new ArrayList<>();

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
        Look look = spending.look(elapsedSeconds);
        last = judge.judge(data, look.within(sequence(look)), windowSeconds);
        return last;
    }

    /**
     * The looks so far for the power guard. Information grows with the time since warm-up on a growing window;
     * a sliding window's looks do not nest, so there the latest look stands alone (see {@link LookSequence}).
     */
    private LookSequence sequence(Look look) {
        double start = plan.warmup().toMillis() / 1000.0;
        double now = look.elapsedSeconds() - start;
        if (plan.lookback() != Lookback.GROWING || !(now > 0)) {
            return LookSequence.single(look.alpha());
        }
        if (!history.isEmpty() && now <= history.get(history.size() - 1)[0]) {
            // A second look at the same data: by the union bound it counts as one test at both levels.
            history.get(history.size() - 1)[1] += look.alpha();
        } else {
            history.add(new double[] {now, look.alpha()});
        }
        double[] information = new double[history.size()];
        double[] levels = new double[history.size()];
        for (int j = 0; j < history.size(); j++) {
            information[j] = Math.min(1, Math.max(0, history.get(j)[0] / now));
            levels[j] = history.get(j)[1];
        }
        return new LookSequence(information, levels);
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
