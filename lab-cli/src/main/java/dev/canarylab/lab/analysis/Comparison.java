package dev.canarylab.lab.analysis;

/**
 * What a classifier found, before bounds, traffic and criticality are applied.
 *
 * @param effect      the canary/baseline ratio compared with the critical thresholds (NaN if none)
 * @param needMore    per-track samples still needed for the power guard, or -1 when unknown, or null
 * @param reason      the sentence, without the metric name
 */
record Comparison(Classification classification, String test, double pValue, double estimate, double lower,
        double upper, String scale, double meanRatio, double cles, double effect, Long needMore,
        String reason) {

    static Comparison simple(Classification classification, String test, String reason) {
        return new Comparison(classification, test, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "ratio",
                Double.NaN, Double.NaN, Double.NaN, null, reason);
    }
}
