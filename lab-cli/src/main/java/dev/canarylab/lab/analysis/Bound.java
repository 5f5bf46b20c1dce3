package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/**
 * An absolute limit checked on the canary alone, Argo-style ("p99 at most 500 ms", "restarts at most 2").
 * {@code max} and {@code min} are inclusive; either may be null.
 */
public record Bound(Statistic statistic, Double max, Double min) {

    /** The canary statistic a bound applies to. */
    public enum Statistic {
        MEAN("mean"),
        P50("p50"),
        P95("p95"),
        P99("p99"),
        MAX("max"),
        TOTAL("total"),
        RATIO("ratio");

        private final String label;

        Statistic(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The quantile this statistic stands for, or NaN. */
        public double quantile() {
            return switch (this) {
                case P50 -> 0.50;
                case P95 -> 0.95;
                case P99 -> 0.99;
                default -> Double.NaN;
            };
        }

        public static Optional<Statistic> fromLabel(String label) {
            return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
        }
    }

    /** The statistic a bound uses when its config names none. */
    public static Statistic defaultStatistic(MetricKind kind) {
        return switch (kind) {
            case ERROR_RATIO -> Statistic.RATIO;
            case COUNT -> Statistic.TOTAL;
            default -> Statistic.MEAN;
        };
    }

    public String describe(String unit) {
        StringBuilder s = new StringBuilder(statistic.label());
        if (max != null) {
            s.append(" <= ").append(limit(max, unit));
        }
        if (min != null) {
            s.append(max != null ? " and >= " : " >= ").append(limit(min, unit));
        }
        return s.toString();
    }

    private String limit(double v, String unit) {
        return statistic == Statistic.RATIO ? Format.percent(v) : Format.value(v, unit);
    }
}
