package dev.canarylab.lab.evaluate;

import java.util.SplittableRandom;

/**
 * Seeded synthetic traffic shaped like sample-app behind the lab router: Poisson arrivals, log-normal
 * latencies (median 50 ms, p99 about 140 ms), 0.5% errors, ~2 KB responses; per 10 s step a CPU share and a
 * heap level with realistic noise, and no restarts.
 */
final class SyntheticTraffic {

    static final double BASE_ERROR_RATE = 0.005;
    static final double MEDIAN_LATENCY_MS = 50;
    static final double LATENCY_SIGMA = 0.45;
    static final double STEP_SECONDS = 10;

    private SyntheticTraffic() {
    }

    static TrackRecording baseline(long seed, double rps, double seconds) {
        return generate(seed, rps, seconds, new Scenario("baseline", 1.0, 0, 1, BASE_ERROR_RATE));
    }

    static TrackRecording generate(long seed, double rps, double seconds, Scenario s) {
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = (int) (rps * seconds * 1.2 + 64);
        double[] time = new double[capacity];
        double[] latency = new double[capacity];
        boolean[] error = new boolean[capacity];
        double[] bytes = new double[capacity];
        int n = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / rps;
            if (t >= seconds) {
                break;
            }
            if (n == time.length) {
                time = java.util.Arrays.copyOf(time, n * 2);
                latency = java.util.Arrays.copyOf(latency, n * 2);
                error = java.util.Arrays.copyOf(error, n * 2);
                bytes = java.util.Arrays.copyOf(bytes, n * 2);
            }
            double ms = MEDIAN_LATENCY_MS * Math.exp(LATENCY_SIGMA * random.nextGaussian()) * s.latencyFactor();
            if (s.tailFraction() > 0 && random.nextDouble() < s.tailFraction()) {
                ms = ms * s.tailFactor() + s.tailDelayMs();
            }
            time[n] = t;
            latency[n] = ms;
            error[n] = random.nextDouble() < s.errorRate();
            bytes[n] = Math.round(2048 * Math.exp(0.05 * random.nextGaussian()));
            n++;
        }
        int steps = (int) Math.floor(seconds / STEP_SECONDS);
        double[] cpu = new double[steps];
        double[] heap = new double[steps];
        double[] restarts = new double[steps];
        for (int i = 0; i < steps; i++) {
            cpu[i] = 0.20 * Math.exp(0.10 * random.nextGaussian());
            heap[i] = 150 + 10 * random.nextGaussian();
        }
        return new TrackRecording(java.util.Arrays.copyOf(time, n), java.util.Arrays.copyOf(latency, n),
                java.util.Arrays.copyOf(error, n), java.util.Arrays.copyOf(bytes, n), STEP_SECONDS, cpu, heap,
                restarts);
    }
}
