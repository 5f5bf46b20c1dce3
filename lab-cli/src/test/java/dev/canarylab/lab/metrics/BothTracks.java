package dev.canarylab.lab.metrics;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** For tests: a look's data, each metric of a config read for baseline and canary over one window. */
public final class BothTracks {

    private BothTracks() {
    }

    /** What the judge gets: per metric, {@link MetricSource#read} of the baseline and of the canary, as a rollout reads. */
    public static Map<String, TrackPair> read(MetricSource source, CanaryConfig config, Instant from, Instant to) {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        for (MetricSpec spec : config.metrics()) {
            data.put(spec.name(), new TrackPair(source.read(spec, Track.BASELINE, from, to).data(),
                    source.read(spec, Track.CANARY, from, to).data()));
        }
        return data;
    }
}
