package dev.canarylab.lab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.rollout.RolloutRecord.Look;
import dev.canarylab.lab.rollout.RolloutRecord.LookInput;
import dev.canarylab.lab.rollout.RolloutRecord.Setup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay data of a report: each analysis's {@code setup} (its canary config, as the record's fields) and each
 * look's {@code input}, the samples the judge saw, bit for bit. Samples are base64 of IEEE-754 big-endian values
 * ({@code f32} when every value is a float, as router latencies are, else {@code f64}): exact and about a third
 * the size of decimal text. A growing window repeats the previous look's samples, so a look keeps {@code kept}
 * values of the previous look's same series from index {@code from} (default 0) and adds its own.
 */
final class ReplayJson {

    private static final ObjectMapper CONFIG = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReplayJson() {
    }

    static ObjectNode setup(Setup s) {
        ObjectNode o = NODES.objectNode();
        o.put("canaryVersion", s.canaryVersion());
        o.put("baselineVersion", s.baselineVersion());
        o.put("extensionSeconds", s.extensionSeconds());
        ArrayNode after = o.putArray("extendedAfter");
        s.extendedAfter().forEach(after::add);
        o.set("config", CONFIG.valueToTree(s.config()));
        return o;
    }

    static Setup setup(JsonFields s) {
        List<Integer> after = new ArrayList<>();
        s.array("extendedAfter").forEach(n -> after.add(n.node.asInt()));
        try {
            CanaryConfig config = CONFIG.treeToValue(s.object("config").node, CanaryConfig.class);
            return new Setup(config, s.text("canaryVersion"), s.text("baselineVersion"), s.num("extensionSeconds"),
                    after);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("\"setup\": not a canary config: " + e.getOriginalMessage());
        }
    }

    /** The inputs of an analysis's looks, each written against the look before it. */
    static List<ObjectNode> inputs(List<Look> looks) {
        List<ObjectNode> out = new ArrayList<>();
        Map<String, double[]> previous = new HashMap<>();
        for (Look l : looks) {
            out.add(l.input() == null ? null : input(l.input(), previous));
        }
        return out;
    }

    private static ObjectNode input(LookInput in, Map<String, double[]> previous) {
        ObjectNode o = NODES.objectNode();
        o.put("elapsedSeconds", in.elapsedSeconds());
        o.put("windowSeconds", in.windowSeconds());
        ObjectNode data = o.putObject("data");
        Map<String, double[]> now = new LinkedHashMap<>();
        in.data().forEach((metric, pair) -> {
            ObjectNode m = data.putObject(metric);
            series(m, "baseline", metric, pair.baseline(), previous, now);
            series(m, "canary", metric, pair.canary(), previous, now);
        });
        previous.clear();
        previous.putAll(now);
        return o;
    }

    private static void series(ObjectNode m, String track, String metric, MetricData d, Map<String, double[]> previous,
            Map<String, double[]> now) {
        if (d == null) {
            m.putNull(track);
            return;
        }
        ObjectNode o = m.putObject(track);
        if (d instanceof MetricData.Counts c) {
            o.put("total", c.total()).put("errors", c.errors());
        } else if (d instanceof MetricData.Unavailable u) {
            o.put("unavailable", u.reason());
        } else if (d instanceof MetricData.Values v) {
            double[] values = v.values();
            String same = sameAs(now, track, metric, v);
            now.put(metric + "/" + track, values);
            if (same != null) {
                o.put("sameAs", same);
                return;
            }
            double[] before = previous.getOrDefault(metric + "/" + track, new double[0]);
            int[] overlap = overlap(before, values);
            if (overlap[0] > 0) {
                o.put("from", overlap[0]);
            }
            if (overlap[1] > 0) {
                o.put("kept", overlap[1]);
            }
            SampleCodec.write(o, Arrays.copyOfRange(values, overlap[1], values.length));
            if (v.bounds() != null) {
                SampleCodec.write(o.putObject("bounds"), v.bounds());
            }
        }
    }

    /**
     * An earlier metric of this look whose series on this track is the same, or null: latency and tail latency
     * read the same requests, and each is written once.
     */
    private static String sameAs(Map<String, double[]> look, String track, String metric, MetricData.Values v) {
        if (v.bounds() != null) {
            return null;
        }
        for (Map.Entry<String, double[]> e : look.entrySet()) {
            String other = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
            if (e.getKey().endsWith("/" + track) && !other.equals(metric) && Arrays.equals(e.getValue(), v.values())) {
                return other;
            }
        }
        return null;
    }

    /**
     * Where {@code values} starts with a run of {@code before}'s tail: [from, kept], or [0, 0]. A growing window
     * keeps all of it; a sliding one drops values off the front.
     */
    static int[] overlap(double[] before, double[] values) {
        for (int from = 0; from < before.length; from++) {
            int kept = before.length - from;
            if (kept <= values.length && Arrays.equals(before, from, before.length, values, 0, kept)) {
                return new int[] {from, kept};
            }
        }
        return new int[] {0, 0};
    }

    /** Reads the inputs of an analysis's looks, in the order written. */
    static List<LookInput> readInputs(List<JsonFields> looks) {
        List<LookInput> out = new ArrayList<>();
        Map<String, double[]> previous = new HashMap<>();
        for (JsonFields l : looks) {
            JsonFields in = l.optional("input");
            out.add(in == null ? null : input(in, previous));
        }
        return out;
    }

    private static LookInput input(JsonFields in, Map<String, double[]> previous) {
        Map<String, TrackPair> data = new LinkedHashMap<>();
        Map<String, double[]> now = new HashMap<>();
        in.object("data").fields().forEach((metric, m) -> data.put(metric, new TrackPair(
                series(m, "baseline", metric, previous, now), series(m, "canary", metric, previous, now))));
        previous.clear();
        previous.putAll(now);
        return new LookInput(in.num("elapsedSeconds"), in.num("windowSeconds"), data);
    }

    private static MetricData series(JsonFields m, String track, String metric, Map<String, double[]> previous,
            Map<String, double[]> now) {
        JsonFields o = m.optional(track);
        if (o == null) {
            return null;
        }
        if (o.node.has("unavailable")) {
            return new MetricData.Unavailable(o.text("unavailable"));
        }
        if (o.node.has("total")) {
            return MetricData.counts(o.longValue("total"), o.longValue("errors"));
        }
        if (o.node.has("sameAs")) {
            double[] same = now.get(o.text("sameAs") + "/" + track);
            if (same == null) {
                throw new IllegalArgumentException("\"" + metric + "\": sameAs names no earlier metric of the look");
            }
            now.put(metric + "/" + track, same);
            return new MetricData.Values(same);
        }
        double[] before = previous.getOrDefault(metric + "/" + track, new double[0]);
        int from = o.node.has("from") ? o.integer("from") : 0;
        int kept = o.node.has("kept") ? o.integer("kept") : 0;
        if (from < 0 || kept < 0 || from + kept > before.length) {
            throw new IllegalArgumentException("\"" + metric + "\": keeps " + kept + " values from " + from
                    + " of the previous look's " + before.length);
        }
        double[] added = SampleCodec.read(o);
        double[] values = new double[kept + added.length];
        System.arraycopy(before, from, values, 0, kept);
        System.arraycopy(added, 0, values, kept, added.length);
        now.put(metric + "/" + track, values);
        JsonFields bounds = o.optional("bounds");
        return new MetricData.Values(values, bounds == null ? null : SampleCodec.read(bounds));
    }
}
