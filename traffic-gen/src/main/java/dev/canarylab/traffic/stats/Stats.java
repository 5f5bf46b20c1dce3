package dev.canarylab.traffic.stats;

/**
 * Request counts and response times for one endpoint or for all of them. Times are in milliseconds over every
 * finished request, ok or not (Gatling's "total" column); {@code rps} is the achieved arrival rate.
 */
public record Stats(long count, long ok, long ko, double rps, double meanMs, long p50Ms, long p95Ms, long p99Ms,
                    long maxMs) {

    static Stats of(LatencyHistogram.Counts latencies, long ko, double rps) {
        long count = latencies.total();
        return new Stats(count, count - ko, ko, round2(rps), round2(latencies.mean()), latencies.percentile(50),
                latencies.percentile(95), latencies.percentile(99), count == 0 ? 0 : latencies.maxMillis());
    }

    /** Share of requests that succeeded, in percent; 0 when there were none (no data is never a pass). */
    public double successPct() {
        return count == 0 ? 0 : 100.0 * ok / count;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
