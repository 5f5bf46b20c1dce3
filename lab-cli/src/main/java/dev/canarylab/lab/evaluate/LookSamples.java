package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.Stats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the look-by-look contenders judge at one look, whether the traffic was simulated ({@code lab evaluate})
 * or live (a rollout's shadow judges): a pure value, so that a recorded look can be judged again.
 *
 * @param number  the look, from 1
 * @param seconds when it was made, in seconds since the analysis began
 * @param steps   per metric of the config, in its order: one aggregate per whole step of the look's window, for
 *                each track (what Kayenta compares); empty when no contender needs them
 * @param last    the canary alone over the last interval (what Flagger and Argo check)
 */
public record LookSamples(int number, double seconds, Map<String, Steps> steps, Interval last) {

    public LookSamples {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** One metric's step aggregates; NaN steps (no data in the step) are left out. */
    public record Steps(double[] baseline, double[] canary) {
        public Steps {
            baseline = Arrays.stream(baseline).filter(v -> !Double.isNaN(v)).toArray();
            canary = Arrays.stream(canary).filter(v -> !Double.isNaN(v)).toArray();
        }

        /** By value, so that samples read back from a report equal the recorded ones. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Steps s && Arrays.equals(baseline, s.baseline) && Arrays.equals(canary, s.canary);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(baseline) + Arrays.hashCode(canary);
        }

        @Override
        public String toString() {
            return "Steps[baseline=" + Arrays.toString(baseline) + ", canary=" + Arrays.toString(canary) + "]";
        }
    }

    /**
     * The canary's requests over the last interval.
     *
     * @param p99Ms the 99th percentile of their latencies, NaN without any
     */
    public record Interval(long requests, long errors, double p99Ms) {

        /** From the error counts and the latencies of the same requests; either may be missing (null). */
        public static Interval of(MetricData errors, MetricData latencies) {
            long n = 0;
            long e = 0;
            if (errors instanceof MetricData.Counts c) {
                n = c.total();
                e = c.errors();
            }
            double p99 = Double.NaN;
            if (latencies instanceof MetricData.Values v && v.values().length > 0) {
                double[] sorted = Arrays.stream(v.values()).filter(x -> !Double.isNaN(x)).sorted().toArray();
                p99 = sorted.length == 0 ? Double.NaN : Stats.quantile(sorted, 0.99);
            }
            return new Interval(n, e, p99);
        }

        /** Share of requests that did not fail; NaN without requests. */
        public double successRate() {
            return requests == 0 ? Double.NaN : 1 - (double) errors / requests;
        }
    }
}
