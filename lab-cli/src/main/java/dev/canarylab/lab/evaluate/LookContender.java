package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Verdict;

/**
 * A contender that judges look by look with a {@link LookJudge}: the same judge runs on simulated recordings
 * here and on a live rollout's looks (its shadow judges), so the two can never judge differently.
 */
abstract class LookContender implements Contender {

    private final CanaryConfig config;

    LookContender(CanaryConfig config) {
        this.config = config;
    }

    /** A new analysis. */
    public abstract LookJudge start();

    /** Whether its judge reads {@link LookSamples#steps()} (they cost a pass over every request). */
    abstract boolean readsSteps();

    @Override
    public Outcome run(TrackRecording baseline, TrackRecording canary) {
        RecordedLooks looks = new RecordedLooks(config, baseline, canary);
        LookJudge judge = start();
        int n = config.plan().looks();
        for (int k = 1; k <= n; k++) {
            if (judge.look(looks.look(k, readsSteps())).stops()) {
                return new Outcome(Verdict.FAIL, looks.at(k));
            }
        }
        return new Outcome(judge.end(), looks.at(n));
    }
}
