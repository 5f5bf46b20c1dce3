package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one rollout did and saw, for the reports: its steps, every analysis with every look, a timeline of
 * traffic and weights sampled every second, and the events (decisions) on it.
 *
 * @param title    what ran, e.g. "slow-release: v1 -> v3"
 * @param strategy "canary" or "blue-green"
 * @param source   where the analyses read their metrics
 * @param sentence the final decision in one plain sentence with its evidence
 * @param judgedWith which config judged it and on which runtime ({@link JudgedWith#UNKNOWN} when not recorded)
 */
public record RolloutRecord(String title, String strategy, String stableVersion, String canaryVersion,
        String source, Instant started, Instant ended, RolloutOutcome outcome, String sentence,
        List<Step> steps, List<Analysis> analyses, List<TimePoint> timeline, List<Event> events,
        JudgedWith judgedWith) {

    public RolloutRecord {
        steps = List.copyOf(steps);
        analyses = List.copyOf(analyses);
        timeline = List.copyOf(timeline);
        events = List.copyOf(events);
        judgedWith = judgedWith == null ? JudgedWith.UNKNOWN : judgedWith;
    }

    /** A record that does not say which config judged it nor on which runtime. */
    public RolloutRecord(String title, String strategy, String stableVersion, String canaryVersion,
            String source, Instant started, Instant ended, RolloutOutcome outcome, String sentence,
            List<Step> steps, List<Analysis> analyses, List<TimePoint> timeline, List<Event> events) {
        this(title, strategy, stableVersion, canaryVersion, source, started, ended, outcome, sentence, steps,
                analyses, timeline, events, JudgedWith.UNKNOWN);
    }

    /** The same record, saying which config judged it and on which runtime. */
    public RolloutRecord judgedWith(JudgedWith with) {
        return new RolloutRecord(title, strategy, stableVersion, canaryVersion, source, started, ended, outcome,
                sentence, steps, analyses, timeline, events, with);
    }

    /**
     * One step of the strategy.
     *
     * @param description e.g. "setWeight 20", "pause 10s", "analysis every 5s for 30s"
     * @param result      e.g. "done", "PASS", "FAIL", "aborted"
     */
    public record Step(int number, String description, Instant started, Instant ended, String result) {
    }

    /**
     * One analysis run: a step's analysis, the background analysis, or blue-green's pre/post-promotion analysis.
     *
     * @param name      e.g. "step 3 analysis", "background analysis", "pre-promotion analysis"
     * @param verdict   of the last look
     * @param sentence  the decision in one plain sentence (see {@link Narration})
     * @param judgement the last look's judgement: every metric's evidence
     * @param queries   per metric, the query the source ran (placeholders resolved)
     * @param notes     how the source got its data when it is not what the metric asks for
     * @param setup     what {@code lab replay} needs to judge it again, or null (a report of an older lab)
     */
    public record Analysis(String name, Track baseline, Track canary, Instant started, Instant ended,
            Verdict verdict, String sentence, Judgement judgement, List<Look> looks, Map<String, String> queries,
            List<String> notes, Setup setup) {

        public Analysis {
            looks = List.copyOf(looks);
            queries = Map.copyOf(queries);
            notes = List.copyOf(notes);
        }

        public Analysis(String name, Track baseline, Track canary, Instant started, Instant ended, Verdict verdict,
                String sentence, Judgement judgement, List<Look> looks, Map<String, String> queries,
                List<String> notes) {
            this(name, baseline, canary, started, ended, verdict, sentence, judgement, looks, queries, notes, null);
        }
    }

    /**
     * How an analysis judged, for a replay that judges its looks again.
     *
     * @param config           the canary config of this run (its timing and power included)
     * @param canaryVersion    the version judged, as its sentences name it
     * @param baselineVersion  the version it was judged against
     * @param extensionSeconds how much one extension added
     * @param extendedAfter    the looks after which the analysis was extended, in order
     */
    public record Setup(CanaryConfig config, String canaryVersion, String baselineVersion, double extensionSeconds,
            List<Integer> extendedAfter) {

        public Setup {
            extendedAfter = List.copyOf(extendedAfter);
        }
    }

    /**
     * One look of an analysis, for plots, replays and the shadow judges.
     *
     * @param input         what the judge saw, or null (a report of an older lab)
     * @param shadow        how Kayenta, Flagger and Argo would have judged the look (see {@link ShadowJudges})
     * @param shadowSamples what they judged, for a replay to judge it again; null when not recorded
     */
    public record Look(Instant time, int number, Verdict verdict, double score, LookInput input,
            List<ShadowVerdict> shadow, LookSamples shadowSamples) {

        public Look {
            shadow = shadow == null ? List.of() : List.copyOf(shadow);
        }

        public Look(Instant time, int number, Verdict verdict, double score, LookInput input) {
            this(time, number, verdict, score, input, List.of(), null);
        }

        public Look(Instant time, int number, Verdict verdict, double score) {
            this(time, number, verdict, score, null, List.of(), null);
        }
    }

    /**
     * Exactly what one look judged.
     *
     * @param elapsedSeconds since the analysis started
     * @param windowSeconds  how long its samples took to collect
     * @param data           per metric, the baseline's and the canary's samples
     */
    public record LookInput(double elapsedSeconds, double windowSeconds, Map<String, TrackPair> data) {

        public LookInput {
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        }
    }

    /**
     * The traffic of the last second.
     *
     * @param canaryWeight percent of traffic for the canary (and as much for the baseline, if deployed)
     */
    public record TimePoint(Instant time, int canaryWeight, Map<Track, TrackPoint> tracks) {

        public TimePoint {
            tracks = Map.copyOf(tracks);
        }
    }

    /**
     * One track during one second. Latency quantiles are NaN when it answered no request.
     */
    public record TrackPoint(String version, long requests, long errors, double p50, double p95, double p99,
            int restarts) {
    }

    /**
     * Something that happened, a verdict mark on the plots.
     *
     * @param subject what was being rolled out, for readers that need it typed (the dashboard); null when read
     *                back from a file, which keeps only the type and the sentence
     */
    public record Event(Instant time, EventType type, String message, Subject subject) {

        public Event(Instant time, EventType type, String message) {
            this(time, type, message, null);
        }
    }

    /** The versions and strategy of a rollout, as its events carry them. */
    public record Subject(String stableVersion, String canaryVersion, String strategyKind, String strategyName) {
    }
}
