package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.RequestLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scorecard on real traffic: each scenario is one recording of the live lab at {@code trials} x {@code rps}
 * requests/s per track for the analysis lifetime, split round-robin into {@code trials} streams of {@code rps}
 * (see {@link LiveTrials}), each judged by the same contenders as the simulation. The trials of a scenario share
 * the same minutes of the machine: a GC pause or a busy core hits all of them at once, so they are not independent
 * as simulated trials are, and a scenario's alarm rate moves in steps larger than 1/trials between runs.
 */
public final class LiveEvaluation {

    /** Most requests per second to each version: what two shared cores serve without queueing in the router. */
    public static final double MAX_RPS_PER_TRACK = 500;
    /** Most requests per track in one recording: below the router's ring of 262,144, so none is overwritten. */
    public static final long MAX_REQUESTS_PER_TRACK = 200_000;
    /** Between setting a scenario's faults and recording: requests in flight under the old faults finish. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** How much of the warm-up measures the baseline's median latency, which sizes the latency faults. */
    private static final Duration MEASURE = Duration.ofSeconds(10);
    /** Half-seconds to wait for traffic-gen's first requests. */
    private static final int FIRST_REQUEST_WAIT_STEPS = 120;
    /** Each of the two rounds that size a latency shift's CPU burn on the machine as it is. */
    private static final Duration CALIBRATE = Duration.ofSeconds(10);

    /** What to record: trials per scenario, requests/s of each trial per version, the jars and the warm-up. */
    public record Settings(int trials, double rps, Path sampleJar, Path trafficJar, Duration warmUp) {

        double rpsPerTrack() {
            return trials * rps;
        }
    }

    /** The scorecard, and per scenario what the recording held (rates, means, the faults set). */
    public record Result(Evaluation.Scorecard scorecard, List<String> notes, double wallSeconds) {
    }

    private LiveEvaluation() {
    }

    /** Why these settings are beyond what a live run can record, or null. */
    public static String beyondLimits(CanaryConfig config, Settings s) {
        if (s.rpsPerTrack() > MAX_RPS_PER_TRACK) {
            return String.format(Locale.ROOT, "--live sends --trials x --rps = %s requests/s to each version; at most"
                    + " %s (lower --trials or --rps)", LiveLab.number(s.rpsPerTrack()), LiveLab.number(MAX_RPS_PER_TRACK));
        }
        double seconds = config.plan().lookSeconds(config.plan().looks()) + 1;
        if (s.rpsPerTrack() * seconds > MAX_REQUESTS_PER_TRACK) {
            return String.format(Locale.ROOT, "--live would record %.0f requests per version in one scenario; at most"
                    + " %d (lower --trials, --rps or --duration)", s.rpsPerTrack() * seconds, MAX_REQUESTS_PER_TRACK);
        }
        return null;
    }

    /** Warms the lab up, then records and judges each scenario in turn. */
    public static Result run(LiveLab lab, CanaryConfig config, Settings s, List<Scenario> scenarios,
            Consumer<String> progress) {
        long started = System.nanoTime();
        awaitFirstRequests(lab, progress);
        progress.accept("live: warming up for " + LiveLab.duration(s.warmUp().toMillis() / 1000.0) + " at "
                + LiveLab.number(s.rpsPerTrack()) + " requests/s per version");
        lab.await(s.warmUp(), w -> progress.accept("live: warming up, " + w + " s"));
        Instant now = Instant.now();
        Duration measure = s.warmUp().compareTo(MEASURE) < 0 ? s.warmUp() : MEASURE;
        double[] median = {median(lab.requests(Track.BASELINE, now.minus(measure), now))};
        if (!(median[0] > 0)) {
            throw new LabException(ExitCodes.SOFTWARE, "no request reached v1 during the warm-up; is traffic-gen"
                    + " running?");
        }
        progress.accept(String.format(Locale.ROOT, "live: baseline median latency %.3f ms over the last %s of the"
                + " warm-up", median[0], LiveLab.duration(measure.toMillis() / 1000.0)));
        double recordSeconds = config.plan().lookSeconds(config.plan().looks()) + 0.5;
        int steps = (int) Math.floor(recordSeconds / SyntheticTraffic.STEP_SECONDS);
        List<String> notes = new ArrayList<>();
        Evaluation.Scorecard card = Evaluation.run(config, new Evaluation.Settings(s.trials(), s.rps(), 0), scenarios,
                progress, scenario -> {
                    Map<String, Object> faults = LiveFaults.of(scenario, median[0]);
                    lab.setCanary(faults);
                    lab.await(SETTLE, w -> { });
                    if (scenario.latencyFactor() > 1) {
                        faults = calibrate(lab, scenario, faults, progress);
                    }
                    progress.accept("live: recording " + LiveLab.duration(recordSeconds) + ", canary faults: "
                            + LiveFaults.describe(faults));
                    Instant from = Instant.now();
                    lab.await(Duration.ofMillis(Math.round(recordSeconds * 1000)),
                            w -> progress.accept("live: recorded " + w + " s of " + Math.round(recordSeconds)));
                    Instant to = from.plusMillis(Math.round(recordSeconds * 1000));
                    RequestLog b = lab.requests(Track.BASELINE, from, to);
                    RequestLog c = lab.requests(Track.CANARY, from, to);
                    TrackRecording[] base = LiveTrials.split(b, lab.resources(Track.BASELINE, from, to), from,
                            s.trials(), steps, SyntheticTraffic.STEP_SECONDS);
                    TrackRecording[] canary = LiveTrials.split(c, lab.resources(Track.CANARY, from, to), from,
                            s.trials(), steps, SyntheticTraffic.STEP_SECONDS);
                    notes.add(note(scenario, b, c, s.trials(), faults));
                    // The baseline is v1 unchanged in every scenario: its latest median sizes the next latency fault.
                    median[0] = b.size() > 0 ? median(b) : median[0];
                    return t -> new TrackRecording[] {base[t], canary[t]};
                });
        return new Result(card, notes, (System.nanoTime() - started) / 1e9);
    }

    /**
     * traffic-gen says it is sending before Gatling's first request leaves (seconds later on a busy machine): the
     * warm-up counts from the first request on both tracks.
     */
    private static void awaitFirstRequests(LiveLab lab, Consumer<String> progress) {
        Instant since = Instant.now().minusSeconds(5);
        for (int i = 0; i < FIRST_REQUEST_WAIT_STEPS; i++) {
            Instant now = Instant.now();
            if (lab.requests(Track.BASELINE, since, now).size() > 0 && lab.requests(Track.CANARY, since, now).size() > 0) {
                return;
            }
            lab.await(Duration.ofMillis(500), w -> { });
        }
        throw new LabException(ExitCodes.SOFTWARE, "no request reached baseline and canary within "
                + FIRST_REQUEST_WAIT_STEPS / 2 + " s of starting traffic-gen");
    }

    /**
     * Extra CPU work stretches with the machine's load, so the burn that makes the canary's median the scenario's
     * factor times the baseline's is found by measuring (the median: a GC pause moves a 10 s mean by more than the
     * shift, and a rank test judges the shift of the bulk): twice, {@link #CALIBRATE} of traffic, then the burn scaled
     * by wanted over achieved extra latency.
     */
    private static Map<String, Object> calibrate(LiveLab lab, Scenario scenario, Map<String, Object> faults,
            Consumer<String> progress) {
        Map<String, Object> f = new java.util.LinkedHashMap<>(faults);
        for (int round = 0; round < 2; round++) {
            lab.await(CALIBRATE, w -> { });
            Instant now = Instant.now();
            double b = median(lab.requests(Track.BASELINE, now.minus(CALIBRATE), now));
            double c = median(lab.requests(Track.CANARY, now.minus(CALIBRATE), now));
            double wanted = (scenario.latencyFactor() - 1) * b;
            double burn = LiveFaults.micros(f.get("cpuBurn"));
            double scaled = c > b ? burn * wanted / (c - b) : burn * 2;
            scaled = Math.max(burn / 4, Math.min(burn * 4, scaled));
            progress.accept(String.format(Locale.ROOT, "live: calibrating: cpuBurn %.0fus made the canary %.2fx"
                    + " (median %.3f vs %.3f ms); next %.0fus", burn, c / b, c, b, scaled));
            f.put("cpuBurn", Math.max(1, Math.round(scaled)) + "us");
            lab.setCanary(f);
            lab.await(SETTLE, w -> { });
        }
        return f;
    }

    private static String note(Scenario scenario, RequestLog b, RequestLog c, int trials, Map<String, Object> faults) {
        double mb = mean(b);
        double mc = mean(c);
        return String.format(Locale.ROOT, "%s: canary %d requests, baseline %d (about %d a trial per version);"
                + " canary vs baseline: mean %.3f vs %.3f ms (%.2fx), p50 %.3f vs %.3f ms (%.2fx), errors %.2f%% vs %.2f%%;"
                + " canary faults: %s",
                scenario.name(), c.size(), b.size(), Math.round((double) b.size() / trials), mc, mb, mc / mb,
                median(c), median(b), median(c) / median(b), 100 * errorRate(c), 100 * errorRate(b), LiveFaults.describe(faults));
    }

    static double mean(RequestLog log) {
        return java.util.Arrays.stream(log.latencyMs()).average().orElse(Double.NaN);
    }

    private static double median(RequestLog log) {
        double[] sorted = log.latencyMs().clone();
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double errorRate(RequestLog log) {
        long k = 0;
        for (int i = 0; i < log.size(); i++) {
            k += log.error(i) ? 1 : 0;
        }
        return log.size() == 0 ? Double.NaN : (double) k / log.size();
    }
}
