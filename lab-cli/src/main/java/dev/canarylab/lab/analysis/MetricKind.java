package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/** What a metric measures; it decides which test judges it. */
public enum MetricKind {
    /** Request latencies (request-level samples). Mann-Whitney, or a quantile test for tails. */
    LATENCY("latency"),
    /** Errors out of requests, as counts. Fisher's exact test. */
    ERROR_RATIO("error-ratio"),
    /** A ratio sampled per step, such as CPU utilisation. Mann-Whitney on the step values. */
    RATIO("ratio"),
    /** A level sampled per step, such as heap used. Mann-Whitney on the step values. */
    GAUGE("gauge"),
    /** Events counted per step, such as restarts. Exact conditional test on the two totals. */
    COUNT("count");

    private final String label;

    MetricKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<MetricKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
