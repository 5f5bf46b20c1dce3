package dev.canarylab.traffic.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.canarylab.traffic.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * One live progress report. Rates, error share and percentiles cover the interval since the previous report;
 * {@code count} and {@code ko} are running totals. {@code totalSeconds} is null for a run that goes on until
 * it is stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(double elapsedSeconds, Double totalSeconds, double targetRps, double rps, long count, long ko,
                       double errorPct, long p50Ms, long p95Ms, long p99Ms) {

    /** The line a person reads on stderr. */
    @JsonIgnore
    public String toText() {
        String total = totalSeconds == null ? "until stopped" : Durations.clock(seconds(totalSeconds));
        return String.format(Locale.ROOT,
                "traffic-gen: %s/%s  %.1f rps (target %.1f)  errors %.1f%%  p50 %d ms  p95 %d ms  p99 %d ms  total %d (%d ko)",
                Durations.clock(seconds(elapsedSeconds)), total, rps, targetRps, errorPct, p50Ms, p95Ms, p99Ms,
                count, ko);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
