package dev.canarylab.lab.runtime;

import java.time.Instant;

/**
 * One scrape of one instance's {@code /metrics}, plus what the supervisor knows.
 *
 * @param cpuSecondsTotal {@code process_cpu_seconds_total}: a counter, reset when the instance restarts
 * @param heapUsedBytes the sum of {@code jvm_memory_used_bytes{area="heap"}}
 * @param restarts the instance's restart count at that time (cumulative)
 */
public record ResourceSample(Instant time, Track track, String version, String instance, double cpuSecondsTotal,
        double heapUsedBytes, int restarts) {
}
