package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.local.RequestLog;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One live recording of a track made into trials: its requests, in time order, dealt round-robin into {@code n}
 * interleaved streams (request k goes to trial k mod n), so that a recording at n x 10 requests/s gives n trials
 * at 10 requests/s over the same minutes. Every trial gets the track's one CPU, heap and restart series, one value
 * per step, as the scraper saw the instance serving all n streams at once.
 */
final class LiveTrials {

    private static final double MIB = 1024.0 * 1024;

    private LiveTrials() {
    }

    /**
     * @param start when the recording started: request times become seconds since then
     * @param steps how many whole steps of {@code stepSeconds} the recording covers
     */
    static TrackRecording[] split(RequestLog log, List<ResourceSample> resources, Instant start, int n, int steps,
            double stepSeconds) {
        long origin = start.toEpochMilli();
        // Completion order, as the router recorded them; the sort is stable, so ties keep that order.
        Integer[] order = IntStream.range(0, log.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong(i -> log.epochMillis()[i]));
        double[][] perStep = resourceSteps(resources, start, steps, stepSeconds);
        TrackRecording[] trials = new TrackRecording[n];
        for (int t = 0; t < n; t++) {
            int size = (log.size() - t + n - 1) / n;
            double[] time = new double[Math.max(0, size)];
            double[] latency = new double[time.length];
            boolean[] error = new boolean[time.length];
            double[] bytes = new double[time.length];
            for (int j = 0; j < time.length; j++) {
                int i = order[t + j * n];
                time[j] = (log.epochMillis()[i] - origin) / 1000.0;
                latency[j] = log.latencyMs()[i];
                error[j] = log.error(i);
                bytes[j] = log.bytes()[i];
            }
            trials[t] = new TrackRecording(time, latency, error, bytes, stepSeconds, perStep[0].clone(),
                    perStep[1].clone(), perStep[2].clone());
        }
        return trials;
    }

    /**
     * CPU cores used, mean heap in MiB (the default config's unit) and restarts in each step, from the scrapes of
     * the track's instance; NaN where a step has too few scrapes to say (the judge's NaN rules apply, as live).
     */
    static double[][] resourceSteps(List<ResourceSample> samples, Instant start, int steps, double stepSeconds) {
        double[] cpu = new double[steps];
        double[] heap = new double[steps];
        double[] restarts = new double[steps];
        long origin = start.toEpochMilli();
        for (int s = 0; s < steps; s++) {
            long from = origin + Math.round(s * stepSeconds * 1000);
            long to = origin + Math.round((s + 1) * stepSeconds * 1000);
            ResourceSample before = null;
            ResourceSample first = null;
            ResourceSample last = null;
            double heapSum = 0;
            int count = 0;
            for (ResourceSample r : samples) {
                long at = r.time().toEpochMilli();
                if (at < from) {
                    before = r;
                } else if (at < to) {
                    first = first == null ? r : first;
                    last = r;
                    heapSum += r.heapUsedBytes() / MIB;
                    count++;
                }
            }
            ResourceSample opening = before != null ? before : first;
            heap[s] = count > 0 ? heapSum / count : Double.NaN;
            if (opening == null || last == null || last == opening) {
                cpu[s] = Double.NaN;
                restarts[s] = count > 0 ? 0 : Double.NaN;
                continue;
            }
            double seconds = (last.time().toEpochMilli() - opening.time().toEpochMilli()) / 1000.0;
            boolean restarted = last.restarts() != opening.restarts();
            cpu[s] = seconds > 0 && !restarted ? (last.cpuSecondsTotal() - opening.cpuSecondsTotal()) / seconds
                    : Double.NaN;
            restarts[s] = Math.max(0, last.restarts() - opening.restarts());
        }
        return new double[][] {cpu, heap, restarts};
    }
}
