package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.Verdict;
import java.util.List;

/**
 * How one simulated analysis ended, and when (seconds since it started).
 *
 * @param failedMetrics the metrics that were HIGH or LOW in the last judgement (canary-lab only; the other
 *                      contenders judge as a whole): why an alarm was raised
 */
record Outcome(Verdict verdict, double seconds, List<String> failedMetrics) {

    Outcome(Verdict verdict, double seconds) {
        this(verdict, seconds, List.of());
    }

    /** The analysis claimed a regression: the canary would not be promoted. */
    boolean alarm() {
        return verdict == Verdict.FAIL || verdict == Verdict.MARGINAL;
    }
}
