package dev.canarylab.lab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.analysis.GroupScore;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;

/** A judgement as JSON, with every piece of evidence; NaN and infinities become null. */
public final class JudgementJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JudgementJson() {
    }

    public static String render(Judgement j) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(j));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode tree(Judgement j) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", j.verdict().name());
        num(root, "score", j.score());
        num(root, "scoreLow", j.scoreLow());
        num(root, "scoreHigh", j.scoreHigh());
        num(root, "marginal", j.marginal());
        num(root, "pass", j.pass());
        root.put("reason", j.reason());
        ArrayNode noData = root.putArray("noData");
        j.noData().forEach(noData::add);
        ObjectNode look = root.putObject("look");
        look.put("number", j.look().number());
        num(look, "alpha", j.look().alpha());
        num(look, "budget", j.look().budget());
        num(look, "elapsedSeconds", j.look().elapsedSeconds());
        ArrayNode groups = root.putArray("groups");
        for (GroupScore g : j.groups()) {
            ObjectNode o = groups.addObject();
            o.put("group", g.group());
            num(o, "weight", g.weight());
            o.put("pass", g.pass());
            o.put("counted", g.counted());
            o.put("inconclusive", g.inconclusive());
            num(o, "score", g.score());
        }
        ArrayNode metrics = root.putArray("metrics");
        for (MetricResult r : j.results()) {
            ObjectNode o = metrics.addObject();
            o.put("metric", r.metric());
            ArrayNode gs = o.putArray("groups");
            r.groups().forEach(gs::add);
            o.put("kind", r.kind().label());
            o.put("unit", r.unit());
            o.put("result", r.classification().name());
            o.put("critical", r.critical());
            o.put("criticalFailure", r.criticalFailure());
            o.put("test", r.test());
            num(o, "pValue", r.pValue());
            num(o, "alpha", r.alpha());
            num(o, "estimate", r.estimate());
            num(o, "lower", r.lower());
            num(o, "upper", r.upper());
            o.put("scale", r.scale());
            num(o, "meanRatio", r.meanRatio());
            num(o, "cles", r.cles());
            ObjectNode t = o.putObject("thresholds");
            num(t, "alpha", r.alpha());
            num(t, "allowedIncrease", r.thresholds().allowedIncrease());
            num(t, "allowedDecrease", r.thresholds().allowedDecrease());
            num(t, "criticalIncrease", r.thresholds().criticalIncrease());
            num(t, "criticalDecrease", r.thresholds().criticalDecrease());
            num(t, "allowedAbsoluteIncrease", r.thresholds().allowedAbsoluteIncrease());
            t.put("bound", r.thresholds().bound());
            stats(o.putObject("baseline"), r.baseline());
            stats(o.putObject("canary"), r.canary());
            if (r.needMore() != null) {
                o.put("needMore", r.needMore());
            } else {
                o.putNull("needMore");
            }
            num(o, "needSeconds", r.needSeconds() == null ? Double.NaN : r.needSeconds());
            o.put("reason", r.reason());
            o.put("finding", r.finding());
        }
        return root;
    }

    private static void stats(ObjectNode o, Stats s) {
        o.put("count", s.count());
        num(o, "mean", s.mean());
        num(o, "p50", s.p50());
        num(o, "p95", s.p95());
        num(o, "p99", s.p99());
        num(o, "min", s.min());
        num(o, "max", s.max());
        o.put("errors", s.errors());
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
