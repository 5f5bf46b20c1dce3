package dev.canarylab.lab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A look's shadow judges in a rollout report, and back: {@code shadow}, the verdicts with their one-line reasons,
 * and {@code shadowSamples}, what they judged (the step aggregates per metric and track, the canary's last
 * interval), so that a replay can judge the look again. Field names are the records' component names.
 */
final class ShadowJson {

    private ShadowJson() {
    }

    static void write(ObjectNode look, List<ShadowVerdict> verdicts, LookSamples samples) {
        ArrayNode shadow = look.putArray("shadow");
        for (ShadowVerdict v : verdicts) {
            ObjectNode o = shadow.addObject();
            o.put("judge", v.judge());
            o.put("verdict", v.verdict().name());
            o.put("stops", v.stops());
            o.put("reason", v.reason());
        }
        if (samples == null) {
            return;
        }
        ObjectNode s = look.putObject("shadowSamples");
        s.put("number", samples.number());
        s.put("seconds", samples.seconds());
        ObjectNode steps = s.putObject("steps");
        samples.steps().forEach((metric, st) -> {
            ObjectNode m = steps.putObject(metric);
            values(m.putArray("baseline"), st.baseline());
            values(m.putArray("canary"), st.canary());
        });
        ObjectNode last = s.putObject("last");
        last.put("requests", samples.last().requests());
        last.put("errors", samples.last().errors());
        if (Double.isFinite(samples.last().p99Ms())) {
            last.put("p99Ms", samples.last().p99Ms());
        } else {
            last.putNull("p99Ms");
        }
    }

    /** The verdicts of a look; none in a report written before shadow judges. */
    static List<ShadowVerdict> verdicts(JsonFields look) {
        List<ShadowVerdict> out = new ArrayList<>();
        if (look.node.has("shadow")) {
            for (JsonFields v : look.array("shadow")) {
                out.add(new ShadowVerdict(required(v, "judge"), v.enumValue("verdict", Verdict.class, true),
                        v.bool("stops"), required(v, "reason")));
            }
        }
        return out;
    }

    private static String required(JsonFields v, String key) {
        String text = v.text(key);
        if (text == null) {
            throw new IllegalArgumentException("missing \"" + key + "\" in a shadow verdict");
        }
        return text;
    }

    /** What the look's shadow judges judged, or null when the report has none. */
    static LookSamples samples(JsonFields look) {
        JsonFields s = look.optional("shadowSamples");
        if (s == null) {
            return null;
        }
        Map<String, LookSamples.Steps> steps = new LinkedHashMap<>();
        s.object("steps").fields().forEach((metric, m) -> steps.put(metric,
                new LookSamples.Steps(values(m, "baseline"), values(m, "canary"))));
        JsonFields last = s.object("last");
        return new LookSamples(s.integer("number"), s.num("seconds"), steps,
                new LookSamples.Interval(last.longValue("requests"), last.longValue("errors"), last.num("p99Ms")));
    }

    private static void values(ArrayNode out, double[] values) {
        Arrays.stream(values).forEach(v -> {
            if (Double.isFinite(v)) {
                out.add(v);
            } else {
                out.addNull();
            }
        });
    }

    private static double[] values(JsonFields metric, String key) {
        List<JsonFields> items = metric.array(key);
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!items.get(i).node.isNull() && !items.get(i).node.isNumber()) {
                throw new IllegalArgumentException("\"" + key + "\" must hold numbers, got " + items.get(i).node);
            }
            out[i] = items.get(i).node.isNull() ? Double.NaN : items.get(i).node.doubleValue();
        }
        return out;
    }
}
