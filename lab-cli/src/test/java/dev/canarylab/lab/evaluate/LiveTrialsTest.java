package dev.canarylab.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.RequestLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live recording dealt into trials, as lab evaluate --live judges them. */
class LiveTrialsTest {

    private static final Instant START = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void requestsAreDealtRoundRobinInTimeOrderWithTimesFromTheStartOfTheRecording() {
        long t0 = START.toEpochMilli();
        // Completion order differs from time order for the last two: the split follows time.
        RequestLog log = new RequestLog(new long[] {t0 + 100, t0 + 200, t0 + 300, t0 + 500, t0 + 400},
                new double[] {1, 2, 3, 5, 4}, new int[] {200, 500, 200, 200, 503}, new long[] {10, 20, 30, 50, 40});
        TrackRecording[] trials = LiveTrials.split(log, List.of(), START, 2, 0, 10);
        assertThat(trials).hasSize(2);
        assertThat(trials[0].time()).containsExactly(0.1, 0.3, 0.5);
        assertThat(trials[0].latency()).containsExactly(1, 3, 5);
        assertThat(trials[0].error()).containsExactly(false, false, false);
        assertThat(trials[1].time()).containsExactly(0.2, 0.4);
        assertThat(trials[1].latency()).containsExactly(2, 4);
        assertThat(trials[1].error()).containsExactly(true, true);
        assertThat(trials[1].bytes()).containsExactly(20, 40);
    }

    @Test
    void everyRequestLandsInExactlyOneTrialAndTrialsDifferByAtMostOneRequest() {
        int n = 1003;
        long[] at = new long[n];
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            at[i] = START.toEpochMilli() + i * 7L;
            latency[i] = i;
        }
        TrackRecording[] trials = LiveTrials.split(new RequestLog(at, latency, new int[n], new long[n]), List.of(),
                START, 10, 0, 10);
        int total = 0;
        double sum = 0;
        for (TrackRecording t : trials) {
            assertThat(t.latency().length).isBetween(100, 101);
            total += t.latency().length;
            sum += java.util.Arrays.stream(t.latency()).sum();
        }
        assertThat(total).isEqualTo(n);
        assertThat(sum).isEqualTo(n * (n - 1) / 2.0);
    }

    @Test
    void eachStepGetsTheInstancesCpuRateMeanHeapAndRestartsAndEveryTrialTheSameSeries() {
        // Scrapes every 2 s from 1 s before the start: 0.5 CPU seconds a second, heap 100 then 200 MiB, a restart
        // in the second step (whose CPU rate is then unknown: the counter restarted).
        List<ResourceSample> s = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            double at = -1 + 2 * i;
            int restarts = at >= 14 ? 1 : 0;
            s.add(new ResourceSample(START.plusMillis(Math.round(at * 1000)), Track.CANARY, "v1", "i", 0.5 * (at + 1),
                    (at < 10 ? 100 : 200) * 1024.0 * 1024, restarts));
        }
        RequestLog none = new RequestLog(new long[0], new double[0], new int[0], new long[0]);
        TrackRecording[] trials = LiveTrials.split(none, s, START, 3, 2, 10);
        for (TrackRecording t : trials) {
            assertThat(t.cpu()[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(Double.isNaN(t.cpu()[1])).isTrue();
            assertThat(t.heap()).containsExactly(100, 200);
            assertThat(t.restarts()).containsExactly(0, 1);
        }
    }
}
