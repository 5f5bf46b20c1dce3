package dev.canarylab.lab.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows of a rollout: sent by the rollout's {@link RolloutFeed}, kept by the lab's control
 * server ({@link RolloutBoard}). The whole state travels each time, so a lost update costs nothing.
 *
 * @param id        one rollout: a new id is a new rollout
 * @param headline  the rollout's first sentence ("Rolling out v3 over v1 with the canary strategy 'canary', ...")
 * @param strategy  e.g. "canary 'canary'", empty until known
 * @param step      e.g. "step 4/6: analysis every 10s for 60s"
 * @param weight    the canary's traffic share in percent
 * @param analysis  the running analysis, or null
 * @param metrics   each metric's latest classification, in the config's order
 * @param verdicts  every analysis that ended, oldest first
 * @param events    the latest events, oldest first (at most {@link #MAX_EVENTS})
 * @param outcome   null while running, then "promoted", "rolled back", "inconclusive" or "aborted"
 * @param sentence  the final decision in one sentence, once ended
 * @param report    where the HTML report is: an absolute file from the feed, a /lab/reports/ path from the server
 * @param updated   when the feed sent this
 * @param shadow    the latest looks' shadow verdicts, oldest first (at most {@link #MAX_SHADOW_LOOKS})
 */
public record RolloutState(String id, String headline, String strategy, String stable, String canary, String step,
        int weight, Analysis analysis, List<Metric> metrics, List<Verdict> verdicts, List<Event> events,
        boolean ended, String outcome, String sentence, String report, Instant updated, List<Shadow> shadow) {

    public static final int MAX_EVENTS = 60;
    /** Looks whose shadow verdicts travel, the latest. */
    public static final int MAX_SHADOW_LOOKS = 24;

    public RolloutState {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        events = events == null ? List.of() : List.copyOf(events);
        shadow = shadow == null ? List.of() : List.copyOf(shadow);
    }

    /** A state without shadow verdicts. */
    public RolloutState(String id, String headline, String strategy, String stable, String canary, String step,
            int weight, Analysis analysis, List<Metric> metrics, List<Verdict> verdicts, List<Event> events,
            boolean ended, String outcome, String sentence, String report, Instant updated) {
        this(id, headline, strategy, stable, canary, step, weight, analysis, metrics, verdicts, events, ended, outcome,
                sentence, report, updated, List.of());
    }

    /**
     * One look's shadow verdicts (dashboard/shadow.js shows them beside the lab's).
     *
     * @param lab the lab's verdict of that look
     */
    public record Shadow(String analysis, int look, String lab, List<ShadowJudge> judges) {
        public Shadow {
            judges = judges == null ? List.of() : List.copyOf(judges);
        }
    }

    /** What one shadow judge said at a look, and whether that disagrees with the lab. */
    public record ShadowJudge(String judge, String verdict, String reason, boolean disagrees) {
    }

    /**
     * @param elapsed  seconds into the analysis
     * @param end      seconds at which it ends (grows when extended)
     * @param requests per track label, requests counted so far
     * @param verdict  of the latest look, or null before the first
     */
    public record Analysis(String name, double elapsed, double end, Map<String, Long> requests, String verdict,
            Double score) {
    }

    /** One metric at the latest look: PASS, HIGH, LOW, NODATA, INCONCLUSIVE or ERROR, and why. */
    public record Metric(String metric, String classification, String reason) {
    }

    /** One ended analysis and the sentence that says why. */
    public record Verdict(Instant time, String analysis, String verdict, String sentence) {
    }

    public record Event(Instant time, String type, String message) {
    }

    RolloutState withReport(String where) {
        return new RolloutState(id, headline, strategy, stable, canary, step, weight, analysis, metrics, verdicts,
                events, ended, outcome, sentence, where, updated, shadow);
    }
}
