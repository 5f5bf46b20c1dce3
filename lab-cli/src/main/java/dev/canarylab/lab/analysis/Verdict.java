package dev.canarylab.lab.analysis;

/** The outcome of one analysis. */
public enum Verdict {
    PASS,
    MARGINAL,
    FAIL,
    INCONCLUSIVE,
    /**
     * Metrics could not be read or judged (a metric source is down, a query failed): the analysis says nothing
     * about the canary. Never a pass, and not a "wait for more data" either: someone must fix the source.
     */
    ERROR
}
