package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.Verdict;
import java.util.Arrays;

/**
 * Flagger's built-in checks: every interval, the canary alone over the last interval must have a request
 * success rate of at least 99% and a p99 latency of at most 500 ms; the canary is rolled back after
 * {@value #THRESHOLD} failed checks (the threshold of Flagger's tutorials). No baseline, no statistics.
 */
final class FlaggerStyle implements Contender {

    static final double MIN_SUCCESS_RATE = 0.99;
    static final double MAX_P99_MS = 500;
    static final int THRESHOLD = 5;

    private final double intervalSeconds;
    private final int looks;
    private final double warmupSeconds;

    FlaggerStyle(double intervalSeconds, int looks, double warmupSeconds) {
        this.intervalSeconds = intervalSeconds;
        this.looks = looks;
        this.warmupSeconds = warmupSeconds;
    }

    @Override
    public String name() {
        return "Flagger-style";
    }

    @Override
    public Outcome run(TrackRecording baseline, TrackRecording canary) {
        int failed = 0;
        double at = 0;
        for (int k = 1; k <= looks; k++) {
            at = warmupSeconds + k * intervalSeconds;
            int[] range = canary.range(at - intervalSeconds, at);
            int n = range[1] - range[0];
            if (n == 0) {
                failed++;
            } else {
                double success = 1 - (double) canary.errors(range).errors() / n;
                double[] latency = Arrays.copyOfRange(canary.latency(), range[0], range[1]);
                Arrays.sort(latency);
                if (success < MIN_SUCCESS_RATE || Stats.quantile(latency, 0.99) > MAX_P99_MS) {
                    failed++;
                }
            }
            if (failed >= THRESHOLD) {
                return new Outcome(Verdict.FAIL, at);
            }
        }
        return new Outcome(Verdict.PASS, at);
    }
}
