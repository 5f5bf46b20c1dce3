package dev.canarylab.lab.runtime;

import dev.canarylab.lab.analysis.MetricSpec;
import java.time.Instant;

/**
 * Where a live analysis reads the metrics of a canary config: the local router's telemetry, or Prometheus. One
 * config serves every source: each source maps a metric's {@link MetricSpec#query() query} to its own data.
 */
public interface MetricSource {

    /**
     * One metric of one track, samples taken in [from, to). No samples is empty data (the judge says NODATA);
     * a source that cannot answer returns {@link dev.canarylab.lab.analysis.MetricData.Unavailable} naming the
     * query it sent, so the judge says ERROR. Never throws for a failed read.
     */
    Reading read(MetricSpec spec, Track track, Instant from, Instant to);

    /** For reports and progress lines: "embedded router telemetry", "Prometheus at http://...". */
    String describe();
}
