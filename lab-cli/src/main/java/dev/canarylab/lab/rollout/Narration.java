package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.GroupScore;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decisions of a rollout in sentences an audience follows: what the canary did, with the numbers that
 * decided, the score against its thresholds, and what happens next.
 */
public final class Narration {

    private Narration() {
    }

    /**
     * The sentence for an analysis' final judgement, e.g. "v3 is slower: p95 380 ms vs 140 ms on v1, mean 2.7x
     * (allowed 1.1x). Groups latency 0/2, errors 2/2; score 40 < marginal 75: FAIL."
     */
    public static String verdict(Judgement j, String canary, String baseline) {
        String evidence = evidence(j, canary, baseline);
        String groups = j.groups().stream().map(g -> g.group() + " " + g.pass() + "/" + g.counted()
                + (g.inconclusive() > 0 ? " (" + g.inconclusive() + " open)" : "")).collect(Collectors.joining(", "));
        String score = switch (j.verdict()) {
            case FAIL -> j.score() == 0 && j.results().stream().anyMatch(MetricResult::criticalFailure)
                    ? "a critical metric failed, score 0 < marginal " + Format.number(j.marginal())
                    : "score " + Format.number(j.score()) + " < marginal " + Format.number(j.marginal());
            case MARGINAL -> "score " + Format.number(j.score()) + " between marginal " + Format.number(j.marginal())
                    + " and pass " + Format.number(j.pass());
            case PASS -> "score " + Format.number(j.score()) + " >= pass " + Format.number(j.pass());
            default -> "score " + (j.scoreLow() == j.scoreHigh() ? Format.number(j.scoreLow())
                    : Format.number(j.scoreLow()) + " to " + Format.number(j.scoreHigh()) + " depending on open metrics");
        };
        return evidence + ". Groups " + groups + "; " + score + ": " + j.verdict() + ".";
    }

    /** The most telling metric of a judgement, in words. */
    static String evidence(Judgement j, String canary, String baseline) {
        List<MetricResult> results = j.results();
        if (j.verdict() == Verdict.PASS) {
            long passed = results.stream().filter(r -> r.classification() == Classification.PASS).count();
            return canary + " behaves like " + baseline + ": " + passed + " of " + results.size()
                    + " metrics pass" + latencyAside(results)
                    + (j.noData().isEmpty() ? "" : ", no data for " + String.join(", ", j.noData()));
        }
        // A change from nothing (restarts 0 -> 1) has an infinite ratio: the largest change, not none.
        List<MetricResult> failed = results.stream().filter(r -> r.classification().isFailure())
                .sorted(Comparator.comparing(MetricResult::criticalFailure).thenComparing(MetricResult::critical)
                        .thenComparingDouble(r -> Double.isNaN(r.meanRatio()) ? 0 : Math.abs(Math.log(r.meanRatio())))
                        .reversed())
                .toList();
        if (!failed.isEmpty()) {
            String others = failed.stream().skip(1).map(r -> r.metric() + " " + r.classification())
                    .collect(Collectors.joining(", "));
            return describe(failed.get(0), canary, baseline) + (others.isEmpty() ? "" : "; " + others + " too");
        }
        List<MetricResult> open = results.stream().filter(r -> r.classification() == Classification.INCONCLUSIVE
                || r.classification() == Classification.ERROR || r.classification() == Classification.NODATA
                        && (r.critical() || r.mustHaveData())).toList();
        if (open.isEmpty()) {
            return canary + " differs from " + baseline + " only on metrics that weigh little";
        }
        Optional<MetricResult> both = open.stream().filter(Narration::bothBreakTheBound).findFirst();
        String others = open.stream().filter(r -> both.isEmpty() || r != both.get()).map(r -> r.metric() + " "
                + r.classification().name().toLowerCase(Locale.ROOT) + shortWhy(r)).collect(Collectors.joining("; "));
        if (both.isPresent()) {
            return Headline.bothBreakTheBound(both.get(), canary, baseline)
                    + (others.isEmpty() ? "" : "; not enough evidence yet: " + others);
        }
        return "Not enough evidence yet: " + others;
    }

    private static boolean bothBreakTheBound(MetricResult r) {
        return r.classification() == Classification.INCONCLUSIVE && r.test().endsWith(Judge.BOUND_ON_BOTH);
    }

    private static String shortWhy(MetricResult r) {
        if (r.classification() == Classification.NODATA) {
            return " (no data)";
        }
        if (bothBreakTheBound(r)) {
            return " (both tracks break its bound " + r.thresholds().bound() + ")";
        }
        if (r.needMore() != null) {
            return " (needs about " + r.needMore() + " more per track"
                    + (r.needSeconds() != null ? ", ~" + Format.number(Math.ceil(r.needSeconds())) + " s" : "") + ")";
        }
        if (r.classification() == Classification.ERROR) {
            String reason = r.reason();
            return " (" + reason.substring(Math.min(reason.length(), r.metric().length() + 2)) + ")";
        }
        return "";
    }

    private static String latencyAside(List<MetricResult> results) {
        return results.stream().filter(r -> r.kind() == MetricKind.LATENCY && r.canary().count() > 0).findFirst()
                .map(Headline::passAside).orElse("");
    }

    /**
     * One failing metric as a sentence that leads with what its test judged: "v3 is slower (latency): mean 412 ms
     * vs 152 ms on v1 (2.71x, allowed 1.10x), shift 2.40x, p95 480 ms vs 170 ms".
     */
    static String describe(MetricResult r, String canary, String baseline) {
        Stats b = r.baseline();
        Stats c = r.canary();
        String bound = r.thresholds().bound() != null ? " (bound " + r.thresholds().bound() + ")" : "";
        return switch (r.kind()) {
            case ERROR_RATIO -> canary + " fails " + Format.percent(c.mean()) + " of its requests (" + c.errors()
                    + " of " + c.count() + ") vs " + Format.percent(b.mean()) + " on " + baseline + " ("
                    + (Double.isFinite(r.meanRatio()) && c.mean() > 0 ? Format.ratio(r.meanRatio()) + ", " : "")
                    + allowedErrors(r) + ")";
            case COUNT -> r.metric().contains("restart")
                    ? canary + " restarted " + times(total(c)) + " against " + Format.number(total(b)) + " for "
                            + baseline + " in the same time" + bound
                    : canary + " " + r.metric() + ": " + Format.number(total(c)) + " vs " + Format.number(total(b))
                            + " on " + baseline + " in the same time" + bound;
            default -> Headline.failing(r, canary, baseline);
        };
    }

    private static String allowedErrors(MetricResult r) {
        String abs = r.thresholds().allowedAbsoluteIncrease() > 0
                ? " and +" + Format.percent(r.thresholds().allowedAbsoluteIncrease()) : "";
        return "allowed " + Format.ratio(r.thresholds().allowedIncrease()) + abs
                + (r.thresholds().bound() != null ? ", bound " + r.thresholds().bound() : "");
    }

    private static String times(double n) {
        return Format.number(n) + (n == 1 ? " time" : " times");
    }

    private static double total(Stats s) {
        return s.count() == 0 || !Double.isFinite(s.mean()) ? 0 : Math.round(s.mean() * s.count());
    }

    /** "Rolling back: 100% of traffic to v1." and friends. */
    public static String action(RolloutOutcome outcome, String stable, String canary) {
        return switch (outcome) {
            case PROMOTED -> "Promoting: " + canary + " becomes stable and gets 100% of traffic.";
            case ROLLED_BACK -> "Rolling back: 100% of traffic to " + stable + ", " + canary + " removed.";
            case INCONCLUSIVE -> "Not promoting without evidence: 100% of traffic back to " + stable + ", " + canary
                    + " removed; send more traffic or give the analysis a longer lifetime.";
            case ABORTED -> "Aborted: 100% of traffic to " + stable + ", " + canary + " removed.";
        };
    }

    /** How a rollout ends: why, then what happens to traffic. */
    public static String ending(String why, RolloutOutcome outcome, String stable, String canary) {
        return why + " " + action(outcome, stable, canary);
    }

    // The sentences below are what the engine's events say; the engine passes the facts.

    /** "Rolling out v2 over v1 with the canary strategy 'safe', judged on ...". */
    static String started(String version, String stable, String kind, String strategy, String source) {
        return "Rolling out " + version + " over " + stable + " with the " + kind + " strategy '" + strategy
                + "', judged on " + source + ".";
    }

    /** "25% of traffic to v2, 25% to the baseline, 50% to stable v1." */
    static String weight(int percent, String version, String stable, boolean baseline) {
        int stablePercent = 100 - percent * (baseline ? 2 : 1);
        return percent + "% of traffic to " + version + (baseline ? ", " + percent + "% to the baseline" : "")
                + ", " + stablePercent + "% to stable " + stable + ".";
    }

    /** "Deployed v2 as the canary and a fresh baseline of v1 (2 replicas each), no traffic yet." */
    static String deployed(String version, String stable, boolean blueGreen, boolean withBaseline, int replicas) {
        return "Deployed " + version + (blueGreen ? " beside " + stable : " as the canary")
                + (withBaseline ? " and a fresh baseline of " + stable : "") + " (" + replicas + " replica"
                + (replicas == 1 ? "" : "s") + " each), no traffic yet.";
    }

    /** "v2 did not become ready within 30s (0/1 ready, 3 restarts, DOWN)"; {@code canary} may be null. */
    static String notReady(String version, Duration timeout, TrackStatus canary) {
        return version + " did not become ready within " + Durations.format(timeout) + (canary == null ? ""
                : " (" + canary.ready() + "/" + canary.desired() + " ready, " + canary.restarts() + " restarts, "
                        + canary.health() + ")");
    }

    static String restoreFailed(String error) {
        return "could not restore traffic to stable: " + error;
    }

    /** "step 2/5: setWeight 25", also the progress line's label. */
    static String step(int number, int of, String description) {
        return "step " + number + "/" + of + ": " + description;
    }

    /** What a promotion webhook is asked about. */
    static String aboutToPromote(String version) {
        return "about to promote " + version;
    }

    static String promotionBlocked(String why) {
        return "Promotion blocked: " + why + ".";
    }

    /**
     * Why a canary is promoted: the analyses it passed (null for none), and a background verdict that was
     * neither PASS nor a failure (null otherwise).
     */
    static String canaryPassed(String version, List<String> passed, Verdict background) {
        if (passed.isEmpty()) {
            return "Every step done; no analysis ran in this strategy, so " + version + " is promoted unjudged.";
        }
        return version + " passed " + String.join(", ", passed) + (background != null && background != Verdict.PASS
                ? " (background analysis " + background + ", no failure)" : "") + ".";
    }

    static String preview(String version, String header, String routerUrl, String stable) {
        return version + " is reachable on the preview route (header " + header + ": canary at " + routerUrl
                + "); users still get " + stable + ".";
    }

    /** What a promotion webhook is asked about before a blue-green switch. */
    static String aboutToSwitch(String version) {
        return "about to switch traffic to " + version;
    }

    static String switchBlocked(String why) {
        return "Switch blocked: " + why + ".";
    }

    static String switched(String version, String stable) {
        return "Switched: 100% of traffic to " + version + "; " + stable + " keeps running for an instant switch back.";
    }

    /** Why a blue-green switch stands: "v2 passed pre-promotion analysis and post-promotion analysis." */
    static String blueGreenPassed(String version, List<String> analyses) {
        return version + " passed " + (analyses.isEmpty() ? "no analysis" : String.join(" and ", analyses)) + ".";
    }

    /** @param smoke the analysis has no power target: it fails on evident regressions only */
    static String prePromotion(int rate, String version, String stable, String timing, boolean smoke) {
        return "Pre-promotion analysis: " + rate + " requests/s on the preview route, shared by " + version
                + " and a fresh baseline of " + stable + ", " + timing
                + (smoke ? " (a smoke test: it fails on evident regressions only)" : "") + ".";
    }

    static String analysisStarted(String name, String version, String baseline, String timing) {
        return "Started " + name + ": " + version + " vs " + baseline + ", a look " + timing + ".";
    }

    /** "step 3 analysis: v3 is slower: ..." */
    static String analysisEnded(String name, String verdictSentence) {
        return name + ": " + verdictSentence;
    }

    static String extended(String name, String reason, Duration by) {
        return name + " is not conclusive yet (" + reason + "); extended by " + Durations.format(by)
                + " instead of deciding without evidence.";
    }

    /** The note on a post-promotion analysis, whose baseline is the old version's traffic before the switch. */
    static String baselineBeforeSwitch(String stable, Duration window, String version) {
        return "baseline data is " + stable + "'s traffic in the " + Durations.format(window) + " before the switch; "
                + version + "'s is since the switch";
    }

    static String backgroundStarted(Duration interval) {
        return "Background analysis runs through every step: a look every " + Durations.format(interval)
                + ", stopping the rollout on a failure.";
    }

    /** "Stopped: Ctrl-C." */
    static String stopped(String reason) {
        return "Stopped: " + reason + ".";
    }

    static String canaryRemovedOutside() {
        return stopped("the canary was removed ('lab rollback')");
    }

    static String promotedOutside(String version) {
        return version + " was promoted with 'lab promote' during a pause.";
    }

    static String pausedUntilPromoted(boolean enterToo) {
        return "Paused until promoted: run 'lab promote'" + (enterToo ? " or press Enter" : "")
                + " to go on, 'lab rollback' to stop.";
    }

    /** Why {@code lab analyze} stopped before its first look. */
    static String nothingJudged(String stopped) {
        return stopped + " Nothing was judged: no look yet.";
    }
}
