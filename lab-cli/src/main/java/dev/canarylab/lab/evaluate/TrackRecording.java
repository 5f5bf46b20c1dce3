package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.MetricData;
import java.util.Arrays;

/**
 * What the router and the scraper would have recorded for one track: every request (arrival time, latency,
 * error, response size) and one CPU, heap and restart value per step.
 */
record TrackRecording(double[] time, double[] latency, boolean[] error, double[] bytes, double stepSeconds,
        double[] cpu, double[] heap, double[] restarts) {

    /** Index range [from, to) of the requests that arrived in [start, end). */
    int[] range(double start, double end) {
        return new int[] {lowerBound(time, start), lowerBound(time, end)};
    }

    MetricData.Values latency(int[] r) {
        return MetricData.values(Arrays.copyOfRange(latency, r[0], r[1]));
    }

    MetricData.Values bytes(int[] r) {
        return MetricData.values(Arrays.copyOfRange(bytes, r[0], r[1]));
    }

    MetricData.Counts errors(int[] r) {
        long k = 0;
        for (int i = r[0]; i < r[1]; i++) {
            k += error[i] ? 1 : 0;
        }
        return MetricData.counts(r[1] - r[0], k);
    }

    /** Steps wholly inside [start, end). */
    int[] steps(double start, double end) {
        int from = (int) Math.ceil(start / stepSeconds - 1e-9);
        int to = (int) Math.floor(end / stepSeconds + 1e-9);
        return new int[] {Math.min(from, cpu.length), Math.min(Math.max(from, to), cpu.length)};
    }

    static MetricData.Values slice(double[] perStep, int[] s) {
        return MetricData.values(Arrays.copyOfRange(perStep, s[0], s[1]));
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
