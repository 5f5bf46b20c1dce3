package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;

/**
 * The metric source of a cluster runtime before a Prometheus source is wired in (see
 * {@link KubeRuntime.Settings#prometheusSource()}): every metric is unavailable, so the judge says ERROR and
 * nothing passes without data.
 */
final class UnwiredPrometheus implements MetricSource {

    private final String url;

    UnwiredPrometheus(String url) {
        this.url = url;
    }

    @Override
    public Reading read(MetricSpec spec, Track track, Instant from, Instant to) {
        return Reading.unavailable(spec.query(), "this build has no Prometheus metric source to read " + url);
    }

    @Override
    public String describe() {
        return "Prometheus at " + url + " (no metric source wired)";
    }
}
