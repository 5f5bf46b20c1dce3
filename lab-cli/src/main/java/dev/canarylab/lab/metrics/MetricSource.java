package dev.canarylab.lab.metrics;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Every metric of {@code config} for both tracks. */
    default Readings readAll(CanaryConfig config, Track baseline, Track canary, Instant from, Instant to) {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        Map<String, Reading> canaryReadings = new LinkedHashMap<>();
        for (MetricSpec spec : config.metrics()) {
            Reading b = read(spec, baseline, from, to);
            Reading c = read(spec, canary, from, to);
            data.put(spec.name(), new TrackPair(b.data(), c.data()));
            canaryReadings.put(spec.name(), c);
        }
        return new Readings(data, canaryReadings);
    }
}
