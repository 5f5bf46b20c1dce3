package dev.canarylab.traffic.stats;

import java.util.Map;

/**
 * The recorder's counts at one instant. {@code sent} counts requests sent, finished or not;
 * {@code lastSentNanos} is the {@link System#nanoTime()} of the latest one (meaningless while none was sent).
 */
public record Snapshot(Map<String, Endpoint> endpoints, Map<String, Long> errors, long sent, long lastSentNanos) {

    /** One endpoint's latencies and failures; {@code noResponse} counts the failures that got no HTTP answer. */
    public record Endpoint(LatencyHistogram.Counts latencies, long ko, long noResponse) {
        public long count() {
            return latencies.total();
        }
    }

    /** All endpoints' latencies added together. */
    public LatencyHistogram.Counts totalLatencies() {
        long[] sum = null;
        long max = 0;
        for (Endpoint e : endpoints.values()) {
            long[] c = e.latencies().perMillisecond();
            if (sum == null) {
                sum = new long[c.length];
            }
            for (int i = 0; i < c.length; i++) {
                sum[i] += c[i];
            }
            max = Math.max(max, e.latencies().maxMillis());
        }
        return new LatencyHistogram.Counts(sum == null ? new long[1] : sum, max);
    }

    public long count() {
        return endpoints.values().stream().mapToLong(Endpoint::count).sum();
    }

    public long ko() {
        return endpoints.values().stream().mapToLong(Endpoint::ko).sum();
    }

    public long noResponse() {
        return endpoints.values().stream().mapToLong(Endpoint::noResponse).sum();
    }
}
