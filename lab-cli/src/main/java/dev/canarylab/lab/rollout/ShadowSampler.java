package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.StepAggregate;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a live look's {@link LookSamples} from the analysis's metric source: each metric per whole step of the
 * look's window (a step is read once, when it has ended, and kept), and the canary's last interval.
 */
final class ShadowSampler {

    /** Kayenta's step in the simulation; a shorter interval (ci pace) shortens it, as it does every duration. */
    static final double MAX_STEP_SECONDS = 10;

    private final MetricSource source;
    private final CanaryConfig config;
    private final Instant start;
    private final double stepSeconds;
    private final double intervalSeconds;
    private final Map<String, Map<String, Double>> steps = new HashMap<>();

    ShadowSampler(MetricSource source, CanaryConfig config, Instant start) {
        this.source = source;
        this.config = config;
        this.start = start;
        this.intervalSeconds = config.plan().interval().toMillis() / 1000.0;
        this.stepSeconds = Math.min(MAX_STEP_SECONDS, intervalSeconds);
    }

    /**
     * @param at             seconds since the analysis began
     * @param from           start of the look's window, in the same seconds
     * @param baselineWindow a fixed [from, to) for the baseline, or null for the look's window
     */
    LookSamples sample(int number, double at, double from, Track baseline, Track canary, Instant[] baselineWindow) {
        Map<String, LookSamples.Steps> out = new LinkedHashMap<>();
        for (MetricSpec m : config.metrics()) {
            double[] b = baselineWindow == null ? series(m, baseline, start, from, at)
                    : series(m, baseline, baselineWindow[0], 0, seconds(baselineWindow[0], baselineWindow[1]));
            out.put(m.name(), new LookSamples.Steps(b, series(m, canary, start, from, at)));
        }
        double lastFrom = Math.max(from, at - intervalSeconds);
        Instant f = instant(start, lastFrom);
        Instant t = instant(start, at);
        MetricData errors = read(MetricKind.ERROR_RATIO, canary, f, t);
        MetricData latency = read(MetricKind.LATENCY, canary, f, t);
        return new LookSamples(number, at, out, LookSamples.Interval.of(errors, latency));
    }

    /** One aggregate per whole step in [from, to), steps counted from {@code origin}. */
    private double[] series(MetricSpec m, Track track, Instant origin, double from, double to) {
        int first = (int) Math.ceil(from / stepSeconds - 1e-9);
        int last = (int) Math.floor(to / stepSeconds + 1e-9);
        double[] out = new double[Math.max(0, last - first)];
        for (int i = first; i < last; i++) {
            int step = i;
            String key = track + "@" + origin + "#" + step;
            out[i - first] = steps.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(m.name(),
                    n -> StepAggregate.of(m, source.read(m, track, instant(origin, step * stepSeconds),
                            instant(origin, (step + 1) * stepSeconds)).data()));
        }
        return out;
    }

    /** The first metric of that kind read over [from, to), or null when the config has none. */
    private MetricData read(MetricKind kind, Track track, Instant from, Instant to) {
        return config.metrics().stream().filter(m -> m.kind() == kind).findFirst()
                .map(m -> source.read(m, track, from, to).data()).orElse(null);
    }

    private static Instant instant(Instant origin, double seconds) {
        return origin.plusMillis(Math.round(seconds * 1000));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
