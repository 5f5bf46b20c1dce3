package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/** The statistical comparison used for a metric. */
public enum TestKind {
    /** Mann-Whitney U with the Hodges-Lehmann shift estimate and interval (Kayenta's judge). */
    MANN_WHITNEY("mann-whitney"),
    /** High-quantile comparison: ratio of quantiles with order-statistic intervals. */
    QUANTILE("quantile"),
    /** Fisher's exact test on error counts. */
    FISHER("fisher"),
    /** Exact conditional binomial test comparing two Poisson event rates. */
    POISSON("poisson");

    private final String label;

    TestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<TestKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    /** The test a metric kind gets when its config names none. */
    public static TestKind defaultFor(MetricKind kind) {
        return switch (kind) {
            case ERROR_RATIO -> FISHER;
            case COUNT -> POISSON;
            default -> MANN_WHITNEY;
        };
    }
}
