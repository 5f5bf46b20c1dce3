package dev.canarylab.traffic.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.canarylab.traffic.ExitCodes;
import dev.canarylab.traffic.shape.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, as written to {@code --summary}: totals and per-endpoint stats, errors by kind, the
 * assertions and the exit code. {@code durationSeconds} is the window the rates are measured over: the
 * planned run (or the time until it was stopped), stretched if the last request went out late.
 */
@JsonPropertyOrder({"target", "shape", "startedAt", "durationSeconds", "stoppedEarly", "requestedRps",
        "plannedRequests", "total", "endpoints", "errors", "assertions", "report", "exitCode"})
public record Summary(String target, String shape, String startedAt, double durationSeconds, boolean stoppedEarly,
                      double requestedRps, long plannedRequests, Stats total, Map<String, Stats> endpoints,
                      Map<String, Long> errors, List<AssertionResult> assertions, String report, int exitCode) {

    /**
     * @param injected how long arrivals were scheduled for: the whole profile, or until the stop
     * @param lastSentAfter when the last request went out, counted from the start of injection
     */
    public static Summary of(String target, Profile profile, Instant startedAt, Duration injected,
                             Duration lastSentAfter, boolean stoppedEarly, Snapshot snapshot, Thresholds thresholds,
                             String report) {
        Duration window = injected.compareTo(lastSentAfter) >= 0 ? injected : lastSentAfter;
        double seconds = Math.max(window.toNanos() / 1e9, 1e-3);
        Map<String, Stats> endpoints = new LinkedHashMap<>();
        snapshot.endpoints().forEach((name, e) ->
                endpoints.put(name, Stats.of(e.latencies(), e.ko(), e.count() / seconds)));
        Stats total = Stats.of(snapshot.totalLatencies(), snapshot.ko(), snapshot.count() / seconds);
        double requested = profile.arrivalsWithin(injected) / Math.max(injected.toNanos() / 1e9, 1e-3);
        List<AssertionResult> assertions = thresholds.check(total, requested);
        int exit = snapshot.count() > 0 && snapshot.noResponse() == snapshot.count() ? ExitCodes.UNREACHABLE
                : assertions.stream().allMatch(AssertionResult::passed) ? ExitCodes.OK : ExitCodes.ASSERTION_FAILED;
        return new Summary(target, profile.shape().describe(), startedAt.toString(), Stats.round2(seconds),
                stoppedEarly, Stats.round2(requested), Math.round(profile.arrivalsWithin(injected)), total,
                endpoints, snapshot.errors(), assertions, report, exit);
    }
}
