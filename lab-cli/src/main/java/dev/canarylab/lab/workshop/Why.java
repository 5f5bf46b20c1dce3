package dev.canarylab.lab.workshop;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Why a config let a rollout through or stopped it, in the config's own terms and the report's figures. */
final class Why {

    private Why() {
    }

    /** "latency (mean 2.93x the baseline's, allowedIncrease 1.1)", for each metric that failed. */
    static String failed(Report r) {
        Map<String, MetricResult> byName = new LinkedHashMap<>();
        r.failures().forEach(m -> byName.putIfAbsent(m.metric(), m));
        if (byName.isEmpty()) {
            return "no failed metric (" + r.record().sentence() + ")";
        }
        List<String> parts = new ArrayList<>();
        byName.values().forEach(m -> parts.add(m.metric() + " (" + figure(m) + ")"));
        return Prose.and(parts);
    }

    /** The figure that decided a failed metric: its error ratios, its bound, or its ratio against what it allows. */
    static String figure(MetricResult m) {
        if (m.classification() == Classification.NODATA) {
            return "no data";
        }
        if (m.kind() == MetricKind.ERROR_RATIO && m.canary().count() > 0 && m.baseline().count() > 0) {
            return String.format(Locale.ROOT, "%.1f%% of the canary's requests failed vs %.1f%% of the baseline's",
                    100.0 * m.canary().errors() / m.canary().count(),
                    100.0 * m.baseline().errors() / m.baseline().count());
        }
        if (m.test() != null && m.test().endsWith("bound") && m.thresholds().bound() != null) {
            return "bound " + m.thresholds().bound() + " broken";
        }
        String ratio = Double.isFinite(m.meanRatio())
                ? String.format(Locale.ROOT, "mean %.2fx the baseline's", m.meanRatio()) : m.classification().name();
        return ratio + ", allowedIncrease " + Prose.number(m.thresholds().allowedIncrease());
    }

    /**
     * Why {@code config} passed the slow v3: a latency metric that allows its slow tail, a failing latency metric
     * that weighs too little, or none judging latency at all.
     */
    static String passed(CanaryConfig config, Report v3) {
        List<MetricSpec> latency = config.metrics().stream().filter(m -> m.kind() == MetricKind.LATENCY).toList();
        if (latency.isEmpty()) {
            return "it judges no latency metric, so a slow tail goes unseen";
        }
        Optional<Judgement> last = last(v3.record());
        for (MetricSpec spec : latency) {
            Optional<MetricResult> r = last.flatMap(j -> j.results().stream()
                    .filter(m -> m.metric().equals(spec.name())).findFirst());
            if (r.isPresent() && r.get().classification() == Classification.PASS
                    && Double.isFinite(r.get().meanRatio()) && spec.allowedIncrease() >= r.get().meanRatio()) {
                return String.format(Locale.ROOT, "%s's allowedIncrease is %s, so a 30%% slow tail is allowed"
                        + " (v3's mean was %.2fx the baseline's)", spec.name(), Prose.number(spec.allowedIncrease()),
                        r.get().meanRatio());
            }
        }
        for (MetricSpec spec : latency) {
            Optional<MetricResult> r = last.flatMap(j -> j.results().stream()
                    .filter(m -> m.metric().equals(spec.name())).findFirst());
            if (r.isPresent() && r.get().classification().isFailure() && !spec.critical()) {
                Judgement j = last.get();
                return String.format(Locale.ROOT, "%s was %s but is not critical, and the score stayed %.0f"
                        + " (pass %s)", spec.name(), r.get().classification(), j.score(), Prose.number(j.pass()));
            }
            if (r.isPresent() && r.get().classification() != Classification.PASS
                    && !r.get().classification().isFailure()) {
                return spec.name() + " was " + r.get().classification() + " and that does not stop a rollout"
                        + (spec.mustHaveData() ? "" : " (mustHaveData is false)");
            }
        }
        return latency.get(0).name() + "'s allowedIncrease is " + Prose.number(latency.get(0).allowedIncrease())
                + "; " + v3.record().sentence();
    }

    /**
     * The judgement that decided: the last look of the last step (or pre/post-promotion) analysis, else of the
     * background analysis, which only runs alongside.
     */
    static Optional<Judgement> last(RolloutRecord record) {
        Optional<Judgement> background = Optional.empty();
        for (int i = record.analyses().size() - 1; i >= 0; i--) {
            RolloutRecord.Analysis a = record.analyses().get(i);
            if (a.judgement() != null) {
                if (!"background analysis".equals(a.name())) {
                    return Optional.of(a.judgement());
                }
                background = background.or(() -> Optional.of(a.judgement()));
            }
        }
        return background;
    }
}
