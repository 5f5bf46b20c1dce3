package dev.canarylab.lab.runtime;

import java.time.Instant;

/**
 * One scrape of one instance: its {@code /metrics} where it has one, what the operating system says of its
 * process tree, and what the supervisor knows.
 *
 * @param cpuSecondsTotal {@code process_cpu_seconds_total} of sample-app, the CPU time of a service's process
 *                        tree: a counter, reset when the instance restarts
 * @param heapUsedBytes the sum of {@code jvm_memory_used_bytes{area="heap"}}; NaN for an instance that exports no
 *                      heap (a service without metricsPath, or not a JVM)
 * @param restarts the instance's restart count at that time (cumulative)
 * @param residentBytes resident memory of the instance's process tree, from the operating system; NaN when unknown
 */
public record ResourceSample(Instant time, Track track, String version, String instance, double cpuSecondsTotal,
        double heapUsedBytes, int restarts, double residentBytes) {

    public ResourceSample(Instant time, Track track, String version, String instance, double cpuSecondsTotal,
            double heapUsedBytes, int restarts) {
        this(time, track, version, instance, cpuSecondsTotal, heapUsedBytes, restarts, Double.NaN);
    }
}
