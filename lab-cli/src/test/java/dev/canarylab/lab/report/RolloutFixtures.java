package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.EventType;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import dev.canarylab.lab.rollout.RolloutRecord.Event;
import dev.canarylab.lab.rollout.RolloutRecord.Look;
import dev.canarylab.lab.rollout.RolloutRecord.Step;
import dev.canarylab.lab.rollout.RolloutRecord.TimePoint;
import dev.canarylab.lab.rollout.RolloutRecord.TrackPoint;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rollout records as the rollout engine would write them, with judgements made by the real judge on synthetic
 * traffic: a slow release caught at 20% (v3 answers 30% of requests 250 ms slower), and a quiet one promoted.
 */
final class RolloutFixtures {

    static final Instant START = Instant.parse("2025-03-14T09:30:00Z");

    private RolloutFixtures() {
    }

    /**
     * The default config's seven metrics, judged on {@code n} requests per track.
     *
     * @param unreadable a metric whose canary data could not be read, or null
     */
    static Judgement judge(long seed, int n, double slowShare, double extraMs, String unreadable) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] baseline = latencies(random, n, 0, 0);
        double[] canary = latencies(random, n, slowShare, extraMs);
        Map<String, TrackPair> data = new HashMap<>();
        data.put("latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary)));
        data.put("tail-latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary)));
        data.put("errors", new TrackPair(MetricData.counts(n, n / 500), MetricData.counts(n, n / 500)));
        data.put("payload-size", new TrackPair(steps(random, 2048, 10), steps(random, 2048, 10)));
        data.put("cpu", new TrackPair(steps(random, 0.2, 0.01), steps(random, 0.2, 0.01)));
        data.put("heap", new TrackPair(steps(random, 80, 2), steps(random, 80, 2)));
        data.put("restarts", new TrackPair(MetricData.values(new double[12]), MetricData.values(new double[12])));
        if (unreadable != null) {
            data.put(unreadable, new TrackPair(data.get(unreadable).baseline(),
                    new MetricData.Unavailable(unreadable + ": connection refused")));
        }
        return new Judge(ConfigLoader.defaults()).judge(data);
    }

    private static double[] latencies(SplittableRandom random, int n, double slowShare, double extraMs) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 60 * Math.exp(0.4 * random.nextGaussian()) + (random.nextDouble() < slowShare ? extraMs : 0);
        }
        return v;
    }

    private static MetricData.Values steps(SplittableRandom random, double level, double spread) {
        double[] v = new double[12];
        Arrays.setAll(v, i -> level + spread * random.nextGaussian());
        return MetricData.values(v);
    }

    /** v1 -> v3 on the canary strategy; the step analysis fails on latency and the rollout rolls back. */
    static RolloutRecord slowRelease() {
        Judgement failed = judge(3, 3000, 0.3, 250, null);
        Judgement background = judge(4, 40, 0, 0, null);
        return record("slow-release: v1 -> v3", "v3", RolloutOutcome.ROLLED_BACK,
                "v3 answers 30% of requests 250 ms slower. Rolling back: 100% of traffic to v1.",
                List.of(analysis("step 2 analysis", failed, 20, 60), analysis("background analysis", background, 0,
                        60)), 60, 40);
    }

    /** v1 -> v2, nothing changed; promoted. */
    static RolloutRecord happyPath() {
        Judgement passed = judge(5, 3000, 0, 0, null);
        return record("happy-path: v1 -> v2", "v2", RolloutOutcome.PROMOTED,
                "v2 behaves like v1 on every metric (score 100). Promoted: 100% of traffic to v2.",
                List.of(analysis("step 2 analysis", passed, 20, 60)), 70, -1);
    }

    /** Analyses with the given judgements, for tests of the JUnit mapping. */
    static RolloutRecord withJudgements(Judgement... judgements) {
        List<Analysis> analyses = new ArrayList<>();
        for (int i = 0; i < judgements.length; i++) {
            analyses.add(analysis("analysis " + (i + 1), judgements[i], 10 * i, 10 * i + 10));
        }
        return record("ci: v1 -> v9", "v9", RolloutOutcome.INCONCLUSIVE, "undecided", analyses, 40, -1);
    }

    static Analysis analysis(String name, Judgement j, int from, int to) {
        String sentence = "Analysis " + j.verdict() + ": " + j.reason();
        List<Look> looks = new ArrayList<>();
        for (int t = from + 10, n = 1; t <= to; t += 10, n++) {
            looks.add(new Look(START.plusSeconds(t), n, t == to ? j.verdict() : Verdict.INCONCLUSIVE,
                    t == to ? j.score() : Double.NaN));
        }
        Map<String, String> queries = new HashMap<>();
        j.results().forEach(r -> queries.put(r.metric(), "router:" + r.metric() + "{track=\"canary\"}"));
        return new Analysis(name, Track.BASELINE, Track.CANARY, START.plusSeconds(from), START.plusSeconds(to),
                j.verdict(), sentence, j, looks, queries, List.of("heap: sampled every 5 s from /metrics"));
    }

    /**
     * @param slowFrom second from which the canary's p95 rises, or -1
     */
    private static RolloutRecord record(String title, String canaryVersion, RolloutOutcome outcome,
            String sentence, List<Analysis> analyses, int seconds, int slowFrom) {
        SplittableRandom random = new SplittableRandom(11);
        List<TimePoint> timeline = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            int weight = s < 5 ? 0 : s < seconds - 5 ? 20 : outcome == RolloutOutcome.PROMOTED ? 100 : 0;
            Map<Track, TrackPoint> tracks = new EnumMap<>(Track.class);
            long stableRequests = Math.round(100 * (100 - 2 * weight) / 100.0);
            tracks.put(Track.STABLE, point(random, "v1", stableRequests, 1, 0));
            if (weight > 0 && weight < 100) {
                boolean slow = slowFrom >= 0 && s >= slowFrom;
                tracks.put(Track.BASELINE, point(random, "v1", weight, 1, 0));
                tracks.put(Track.CANARY, point(random, canaryVersion, weight, slow ? 3 : 1, slow ? 1 : 0));
            } else {
                // nobody answered: quantiles are NaN, as the record documents
                tracks.put(Track.CANARY, new TrackPoint(canaryVersion, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0));
            }
            timeline.add(new TimePoint(START.plusSeconds(s), weight, tracks));
        }
        List<Step> steps = List.of(
                new Step(1, "setWeight 20", START.plusSeconds(5), START.plusSeconds(5), "done"),
                new Step(2, "analysis every 10s for 60s", START.plusSeconds(5), START.plusSeconds(seconds - 5),
                        analyses.get(0).verdict().name()),
                new Step(3, outcome == RolloutOutcome.PROMOTED ? "promote" : "setWeight 100", START.plusSeconds(
                        seconds - 5), START.plusSeconds(seconds - 5), outcome == RolloutOutcome.PROMOTED ? "done"
                                : "aborted"));
        List<Event> events = List.of(
                new Event(START, EventType.START, "rollout of " + canaryVersion + " started"),
                new Event(START.plusSeconds(5), EventType.WEIGHT, "canary weight 0% -> 20% (like setWeight: 20)"),
                new Event(START.plusSeconds(seconds - 5), EventType.VERDICT, analyses.get(0).sentence()),
                new Event(START.plusSeconds(seconds - 5), outcome == RolloutOutcome.PROMOTED
                        ? EventType.PROMOTION : EventType.ROLLBACK, sentence),
                new Event(START.plusSeconds(seconds - 4), EventType.WEBHOOK, "POST http://hooks.example/rollout -> 200"));
        return new RolloutRecord(title, "canary", "v1", canaryVersion, "embedded router telemetry", START,
                START.plusSeconds(seconds), outcome, sentence, steps, analyses, timeline, events);
    }

    private static TrackPoint point(SplittableRandom random, String version, long requests, double slow,
            long errors) {
        double p50 = 60 * (1 + 0.05 * random.nextGaussian());
        return new TrackPoint(version, requests, errors, p50, p50 * 1.9 * slow, p50 * 2.5 * slow, 0);
    }
}
