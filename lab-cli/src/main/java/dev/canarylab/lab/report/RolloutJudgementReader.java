package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.GroupScore;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Look;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.Thresholds;
import dev.canarylab.lab.analysis.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back a judgement in the shape {@link JudgementJson} writes, for {@link RolloutJson#read}. Also reads
 * {@code lab judge --json} output, which lacks {@code look.last} (taken as true: a single look is the last)
 * and {@code mustHaveData} (taken as false).
 */
final class RolloutJudgementReader {

    private RolloutJudgementReader() {
    }

    static Judgement judgement(JsonFields j) {
        JsonFields l = j.object("look");
        Look look = new Look(l.integer("number"), l.num("alpha"), l.num("budget"), l.num("elapsedSeconds"),
                !l.node.has("last") || l.bool("last"));
        List<GroupScore> groups = new ArrayList<>();
        for (JsonFields g : j.array("groups")) {
            groups.add(new GroupScore(g.text("group"), g.num("weight"), g.integer("pass"), g.integer("counted"),
                    g.integer("inconclusive"), g.num("score")));
        }
        List<MetricResult> results = new ArrayList<>();
        for (JsonFields m : j.array("metrics")) {
            results.add(metric(m));
        }
        return new Judgement(j.enumValue("verdict", Verdict.class, true), j.num("score"), j.num("scoreLow"),
                j.num("scoreHigh"), j.num("marginal"), j.num("pass"), groups, results, look, j.text("reason"));
    }

    private static MetricResult metric(JsonFields m) {
        String kind = m.text("kind");
        MetricKind metricKind = MetricKind.fromLabel(kind == null ? "" : kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown metric kind '" + kind + "'"));
        List<String> groups = new ArrayList<>();
        m.array("groups").forEach(g -> groups.add(g.node.asText()));
        JsonFields t = m.object("thresholds");
        Thresholds thresholds = new Thresholds(t.num("allowedIncrease"), t.num("allowedDecrease"),
                t.num("criticalIncrease"), t.num("criticalDecrease"), t.num("allowedAbsoluteIncrease"),
                t.text("bound"));
        return new MetricResult(m.text("metric"), groups, metricKind, m.text("unit"),
                m.enumValue("result", Classification.class, true), m.bool("critical"), m.bool("criticalFailure"),
                m.node.has("mustHaveData") && m.bool("mustHaveData"), m.text("test"), m.num("pValue"),
                m.num("alpha"), m.num("estimate"), m.num("lower"), m.num("upper"), m.text("scale"),
                m.num("meanRatio"), m.num("cles"), thresholds, stats(m.object("baseline")),
                stats(m.object("canary")), m.boxedLong("needMore"), m.boxed("needSeconds"), m.text("reason"),
                m.text("finding"));
    }

    private static Stats stats(JsonFields s) {
        return new Stats(s.longValue("count"), s.num("mean"), s.num("p50"), s.num("p95"), s.num("p99"),
                s.num("min"), s.num("max"), s.longValue("errors"));
    }
}
