package dev.canarylab.lab.analysis;

/** The baseline's and the canary's data for one metric. Either may be null when a track has none. */
public record TrackPair(MetricData baseline, MetricData canary) {
}
