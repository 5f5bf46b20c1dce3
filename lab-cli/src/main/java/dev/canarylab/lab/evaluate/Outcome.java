package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.Verdict;

/** How one simulated analysis ended, and when (seconds since it started). */
record Outcome(Verdict verdict, double seconds) {

    /** The analysis claimed a regression: the canary would not be promoted. */
    boolean alarm() {
        return verdict == Verdict.FAIL || verdict == Verdict.MARGINAL;
    }
}
