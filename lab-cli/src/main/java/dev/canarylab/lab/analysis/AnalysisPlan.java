package dev.canarylab.lab.analysis;

import java.time.Duration;

/**
 * When the analysis looks and at which samples.
 *
 * @param interval time between looks
 * @param lifetime the whole analysis; the sequential error budget is spread over it
 * @param lookback growing (all samples since warm-up) or sliding (the last {@code window})
 * @param window   the sliding window; ignored for growing lookback
 * @param warmup   samples before this are ignored (JIT, caches, connection pools)
 */
public record AnalysisPlan(Duration interval, Duration lifetime, Lookback lookback, Duration window,
        Duration warmup) {

    public static AnalysisPlan defaults() {
        return new AnalysisPlan(Duration.ofSeconds(10), Duration.ofMinutes(3), Lookback.GROWING,
                Duration.ofMinutes(1), Duration.ZERO);
    }

    /** Number of looks in one lifetime (at least one). */
    public int looks() {
        return (int) Math.max(1, lifetime.toMillis() / Math.max(1, interval.toMillis()));
    }

    /** Seconds since the start of the analysis at which look {@code k} (1-based) happens. */
    public double lookSeconds(int k) {
        return warmup.toMillis() / 1000.0 + k * interval.toMillis() / 1000.0;
    }

    /** Start, in seconds since the analysis began, of the samples judged at a look made at {@code atSeconds}. */
    public double windowStartSeconds(double atSeconds) {
        double start = warmup.toMillis() / 1000.0;
        if (lookback == Lookback.SLIDING) {
            start = Math.max(start, atSeconds - window.toMillis() / 1000.0);
        }
        return start;
    }
}
