package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.GroupScore;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
        MetricResult worst = results.stream().filter(r -> r.classification().isFailure())
                .max(Comparator.comparing(MetricResult::criticalFailure).thenComparing(MetricResult::critical)
                        .thenComparingDouble(r -> Double.isFinite(r.meanRatio()) ? Math.abs(Math.log(r.meanRatio())) : 0))
                .orElse(null);
        if (worst != null) {
            return describe(worst, canary, baseline);
        }
        List<MetricResult> open = results.stream().filter(r -> r.classification() == Classification.INCONCLUSIVE
                || r.classification() == Classification.ERROR || r.classification() == Classification.NODATA
                        && (r.critical() || r.mustHaveData())).toList();
        if (open.isEmpty()) {
            return canary + " differs from " + baseline + " only on metrics that weigh little";
        }
        return "Not enough evidence yet: " + open.stream().map(r -> r.metric() + " "
                + r.classification().name().toLowerCase(Locale.ROOT) + shortWhy(r)).collect(Collectors.joining("; "));
    }

    private static String shortWhy(MetricResult r) {
        if (r.classification() == Classification.NODATA) {
            return " (no data)";
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
                .map(r -> " (p95 " + Format.value(r.canary().p95(), r.unit()) + " vs "
                        + Format.value(r.baseline().p95(), r.unit()) + ", " + r.canary().count() + " vs "
                        + r.baseline().count() + " requests)")
                .orElse("");
    }

    /** One failing metric as a sentence: "v3 is slower: p95 380 ms vs 140 ms on v1, mean 2.7x (allowed 1.1x)". */
    static String describe(MetricResult r, String canary, String baseline) {
        Stats b = r.baseline();
        Stats c = r.canary();
        boolean high = r.classification() == Classification.HIGH;
        String allowed = "allowed " + Format.ratio(high ? r.thresholds().allowedIncrease()
                : r.thresholds().allowedDecrease());
        if (r.test().contains("bound") && r.thresholds().bound() != null) {
            allowed = "bound " + r.thresholds().bound();
        }
        return switch (r.kind()) {
            case LATENCY -> {
                boolean tail = r.test().startsWith("quantile");
                String stat = tail ? "p99 " + Format.value(c.p99(), r.unit()) + " vs " + Format.value(b.p99(), r.unit())
                        : "p95 " + Format.value(c.p95(), r.unit()) + " vs " + Format.value(b.p95(), r.unit());
                yield canary + " is " + (high ? "slower" : "faster") + " (" + r.metric() + "): " + stat + " on "
                        + baseline + ", " + ratioText(r) + " (" + allowed + ")";
            }
            case ERROR_RATIO -> canary + " fails " + Format.percent(c.mean()) + " of its requests (" + c.errors() + " of "
                    + c.count() + ") vs " + Format.percent(b.mean()) + " on " + baseline + " (" + allowedErrors(r) + ")";
            case COUNT -> r.metric().contains("restart")
                    ? canary + " restarted " + times(total(c)) + " against " + Format.number(total(b)) + " for "
                            + baseline + " in the same time" + (r.thresholds().bound() != null
                                    ? " (bound " + r.thresholds().bound() + ")" : "")
                    : canary + " " + r.metric() + ": " + Format.number(total(c)) + " vs " + Format.number(total(b))
                            + " on " + baseline + " in the same time" + (r.thresholds().bound() != null
                                    ? " (bound " + r.thresholds().bound() + ")" : "");
            default -> canary + "'s " + r.metric() + " is " + (high ? "higher" : "lower") + ": mean "
                    + Format.value(c.mean(), r.unit()) + " vs " + Format.value(b.mean(), r.unit()) + " on " + baseline
                    + ", " + ratioText(r) + " (" + allowed + ")";
        };
    }

    private static String ratioText(MetricResult r) {
        if (Double.isFinite(r.meanRatio())) {
            return "mean " + Format.ratio(r.meanRatio());
        }
        return Double.isFinite(r.estimate()) ? "estimate " + Format.number(r.estimate()) : "test " + r.test();
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
}
