package dev.canarylab.lab.analysis;

/** The outcome of one analysis. */
public enum Verdict {
    PASS,
    MARGINAL,
    FAIL,
    INCONCLUSIVE
}
