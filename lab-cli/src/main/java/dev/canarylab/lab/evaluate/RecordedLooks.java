package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The looks of a simulated analysis, cut from two recordings the way a live analysis reads its tracks. */
final class RecordedLooks {

    private final CanaryConfig config;
    private final TrackRecording baseline;
    private final TrackRecording canary;

    RecordedLooks(CanaryConfig config, TrackRecording baseline, TrackRecording canary) {
        this.config = config;
        this.baseline = baseline;
        this.canary = canary;
    }

    /** Seconds since the analysis began at which look {@code k} happens. */
    double at(int k) {
        return config.plan().lookSeconds(k);
    }

    /**
     * Look {@code k}: step aggregates over the look's window (only when {@code withSteps}) and the canary's last
     * interval.
     */
    LookSamples look(int k, boolean withSteps) {
        AnalysisPlan plan = config.plan();
        double at = at(k);
        double start = plan.windowStartSeconds(at);
        Map<String, LookSamples.Steps> steps = new LinkedHashMap<>();
        if (withSteps) {
            for (MetricSpec m : config.metrics()) {
                steps.put(m.name(), new LookSamples.Steps(aggregates(baseline, m, start, at),
                        aggregates(canary, m, start, at)));
            }
        }
        double interval = plan.interval().toMillis() / 1000.0;
        int[] range = canary.range(at - interval, at);
        return new LookSamples(k, at, steps, LookSamples.Interval.of(canary.errors(range), canary.latency(range)));
    }

    /** One value per whole step in [start, end). */
    private static double[] aggregates(TrackRecording r, MetricSpec m, double start, double end) {
        Source s = Source.of(m);
        int[] steps = r.steps(start, end);
        double[] out = new double[steps[1] - steps[0]];
        for (int i = steps[0]; i < steps[1]; i++) {
            out[i - steps[0]] = StepAggregate.of(m, LabContender.series(r, s, i * r.stepSeconds(),
                    (i + 1) * r.stepSeconds()));
        }
        return out;
    }
}
