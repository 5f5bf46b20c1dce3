package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small configs and samples for tests. */
final class Configs {

    private Configs() {
    }

    static CanaryConfig of(MetricSpec... metrics) {
        return new CanaryConfig(List.of(metrics), Map.of(), 75, 95, 0.98, 0.8, 0.25, AnalysisPlan.defaults());
    }

    static MetricSpec latency() {
        return MetricSpec.of("latency", "latency", MetricKind.LATENCY).withCritical(true, true)
                .withAllowed(1.1, 0.8, 0);
    }

    static MetricSpec tail() {
        return MetricSpec.of("tail-latency", "latency", MetricKind.LATENCY).withTest(TestKind.QUANTILE, 0.99)
                .withCritical(true, false).withAllowed(1.5, 0.8, 0);
    }

    static MetricSpec errors() {
        return MetricSpec.of("errors", "errors", MetricKind.ERROR_RATIO).withCritical(true, true)
                .withAllowed(2.0, 0.8, 0.01);
    }

    /** Log-normal latencies, median 50 ms. */
    static double[] latencies(long seed, int n, double factor) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 * factor * Math.exp(0.45 * random.nextGaussian());
        }
        return v;
    }

    static Judgement judge(CanaryConfig config, String metric, MetricData baseline, MetricData canary) {
        return new Judge(config).judge(Map.of(metric, new TrackPair(baseline, canary)));
    }

    static MetricResult only(Judgement j) {
        return j.results().get(0);
    }

    static double[] repeat(double value, int n) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }
}
