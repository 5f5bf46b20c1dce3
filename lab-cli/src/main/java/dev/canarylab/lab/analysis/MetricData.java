package dev.canarylab.lab.analysis;

/** What one track recorded for one metric. */
public sealed interface MetricData {

    /** Number of observations (requests or steps). */
    long size();

    /**
     * Request latencies, or one value per step (CPU, heap, restarts in that step). NaN allowed.
     *
     * @param bounds null for exact values; for values rebuilt from a histogram, its finite bucket bounds, ascending:
     *               a value is known only to lie in its bucket, so quantile intervals widen to the bounds
     */
    record Values(double[] values, double[] bounds) implements MetricData {
        public Values {
            values = values.clone();
            bounds = bounds == null ? null : bounds.clone();
        }

        public Values(double[] values) {
            this(values, null);
        }

        @Override
        public long size() {
            return values.length;
        }
    }

    /** Errors out of a number of requests. */
    record Counts(long total, long errors) implements MetricData {
        public Counts {
            if (total < 0 || errors < 0 || errors > total || total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("errors must be between 0 and total (at most "
                        + Integer.MAX_VALUE + "), got " + errors + " of " + total);
            }
        }

        @Override
        public long size() {
            return total;
        }
    }

    /**
     * The metric source could not be read (Prometheus down, a query error): judged ERROR, never a pass.
     *
     * @param reason what went wrong, with the query that was sent
     */
    record Unavailable(String reason) implements MetricData {
        @Override
        public long size() {
            return 0;
        }
    }

    static Values values(double... values) {
        return new Values(values);
    }

    /** Values rebuilt from histogram buckets with these finite upper bounds. */
    static Values binned(double[] values, double[] bounds) {
        return new Values(values, bounds);
    }

    static Counts counts(long total, long errors) {
        return new Counts(total, errors);
    }
}
