package dev.canarylab.lab.metrics;

import dev.canarylab.lab.analysis.TrackPair;
import java.util.Map;

/**
 * One look's data: per metric, the baseline's and the canary's data, and the canary's reading (its resolved
 * query and note) for the report.
 */
public record Readings(Map<String, TrackPair> data, Map<String, Reading> canary) {

    public Readings {
        data = Map.copyOf(data);
        canary = Map.copyOf(canary);
    }
}
