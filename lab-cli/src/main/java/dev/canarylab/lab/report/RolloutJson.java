package dev.canarylab.lab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.EventType;
import dev.canarylab.lab.rollout.JudgedWith;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import dev.canarylab.lab.rollout.RolloutRecord.Event;
import dev.canarylab.lab.rollout.RolloutRecord.Look;
import dev.canarylab.lab.rollout.RolloutRecord.LookInput;
import dev.canarylab.lab.rollout.RolloutRecord.Step;
import dev.canarylab.lab.rollout.RolloutRecord.Subject;
import dev.canarylab.lab.rollout.RolloutRecord.TimePoint;
import dev.canarylab.lab.rollout.RolloutRecord.TrackPoint;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollout record as JSON, everything in it, and back. Times are ISO-8601 instants; NaN and infinities are
 * written as null and read back as NaN. Each analysis's judgement has the shape of {@code lab judge --json}
 * (see {@link JudgementJson}) plus {@code look.last} and {@code metrics[].mustHaveData}, so that it reads back
 * whole. {@code infinities} lists, as JSON pointers, the nulls that stand for an infinite value (an open interval,
 * no critical limit), so that those read back as infinities and not as NaN. {@code config}, {@code configSha256}
 * and {@code runtime} say which config judged the rollout and where it ran (see {@link JudgedWith}); reports
 * written before them read back as {@link JudgedWith#UNKNOWN}. Each analysis's {@code setup} and each
 * look's {@code input} are what {@code lab replay} judges again (see {@link ReplayJson}); a report without them
 * still reads, and only a replay refuses it.
 */
public final class RolloutJson {

    /** Written into every report; {@link #read} refuses other formats. */
    public static final String FORMAT = "canary-lab/rollout-v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RolloutJson() {
    }

    public static String render(RolloutRecord r) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode tree(RolloutRecord r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode infinities = root.putObject("infinities");
        root.put("title", r.title());
        root.put("strategy", r.strategy());
        root.put("stableVersion", r.stableVersion());
        root.put("canaryVersion", r.canaryVersion());
        root.put("source", r.source());
        // which config judged it (null: the built-in one) and where it ran, for lab check
        root.put("config", r.judgedWith().config());
        root.put("configSha256", r.judgedWith().configSha256());
        root.put("runtime", r.judgedWith().runtime());
        time(root, "started", r.started());
        time(root, "ended", r.ended());
        root.put("outcome", r.outcome() == null ? null : r.outcome().name());
        root.put("sentence", r.sentence());
        ArrayNode steps = root.putArray("steps");
        for (Step s : r.steps()) {
            ObjectNode o = steps.addObject();
            o.put("number", s.number());
            o.put("description", s.description());
            time(o, "started", s.started());
            time(o, "ended", s.ended());
            o.put("result", s.result());
        }
        ArrayNode analyses = root.putArray("analyses");
        r.analyses().forEach(a -> analysis(analyses.addObject(), a));
        ArrayNode timeline = root.putArray("timeline");
        for (TimePoint p : r.timeline()) {
            ObjectNode o = timeline.addObject();
            time(o, "time", p.time());
            o.put("canaryWeight", p.canaryWeight());
            ObjectNode tracks = o.putObject("tracks");
            new TreeMap<>(p.tracks()).forEach((track, t) -> {
                ObjectNode n = tracks.putObject(track.label());
                n.put("version", t.version());
                n.put("requests", t.requests());
                n.put("errors", t.errors());
                num(n, "p50", t.p50());
                num(n, "p95", t.p95());
                num(n, "p99", t.p99());
                n.put("restarts", t.restarts());
            });
        }
        ArrayNode events = root.putArray("events");
        for (Event e : r.events()) {
            ObjectNode o = events.addObject();
            time(o, "time", e.time());
            o.put("type", e.type().id());
            o.put("message", e.message());
            if (e.type() == EventType.START && e.subject() != null) { // what a replay's dashboard shows
                ObjectNode s = o.putObject("subject");
                s.put("stableVersion", e.subject().stableVersion());
                s.put("canaryVersion", e.subject().canaryVersion());
                s.put("strategyKind", e.subject().strategyKind());
                s.put("strategyName", e.subject().strategyName());
            }
        }
        RolloutInfinities.of(r).forEach(infinities::put);
        return root;
    }

    private static void analysis(ObjectNode o, Analysis a) {
        o.put("name", a.name());
        o.put("baseline", a.baseline() == null ? null : a.baseline().label());
        o.put("canary", a.canary() == null ? null : a.canary().label());
        time(o, "started", a.started());
        time(o, "ended", a.ended());
        o.put("verdict", a.verdict() == null ? null : a.verdict().name());
        o.put("sentence", a.sentence());
        if (a.judgement() == null) {
            o.putNull("judgement");
        } else {
            ObjectNode j = JudgementJson.tree(a.judgement());
            ((ObjectNode) j.get("look")).put("last", a.judgement().look().last());
            ArrayNode metrics = (ArrayNode) j.get("metrics");
            for (int i = 0; i < metrics.size(); i++) {
                ((ObjectNode) metrics.get(i)).put("mustHaveData", a.judgement().results().get(i).mustHaveData());
            }
            o.set("judgement", j);
        }
        ArrayNode looks = o.putArray("looks");
        List<ObjectNode> inputs = ReplayJson.inputs(a.looks());
        for (int i = 0; i < a.looks().size(); i++) {
            Look l = a.looks().get(i);
            ObjectNode n = looks.addObject();
            time(n, "time", l.time());
            n.put("number", l.number());
            n.put("verdict", l.verdict() == null ? null : l.verdict().name());
            num(n, "score", l.score());
            if (inputs.get(i) != null) {
                n.set("input", inputs.get(i));
            }
            ShadowJson.write(n, l.shadow(), l.shadowSamples());
        }
        // in the judgement's metric order, so that the file reads like the table
        ObjectNode queries = o.putObject("queries");
        Map<String, String> rest = new TreeMap<>(a.queries());
        if (a.judgement() != null) {
            for (MetricResult m : a.judgement().results()) {
                if (rest.containsKey(m.metric())) {
                    queries.put(m.metric(), rest.remove(m.metric()));
                }
            }
        }
        rest.forEach(queries::put);
        ArrayNode notes = o.putArray("notes");
        a.notes().forEach(notes::add);
        if (a.setup() != null) {
            o.set("setup", ReplayJson.setup(a.setup()));
        }
    }

    /**
     * Reads a report written by {@link #render}.
     *
     * @throws LabException (bad input) when the text is not such a report
     */
    public static RolloutRecord read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw LabException.badInput("not a rollout report: invalid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw LabException.badInput("not a rollout report: expected \"format\": \"" + FORMAT + "\"");
        }
        try {
            RolloutInfinities.restore(root, root.get("infinities"));
            return record(new JsonFields(root));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw LabException.badInput("not a readable rollout report: " + e.getMessage());
        }
    }

    private static RolloutRecord record(JsonFields r) {
        List<Step> steps = new ArrayList<>();
        for (JsonFields s : r.array("steps")) {
            steps.add(new Step(s.integer("number"), s.text("description"), s.time("started"), s.time("ended"),
                    s.text("result")));
        }
        List<Analysis> analyses = new ArrayList<>();
        for (JsonFields a : r.array("analyses")) {
            analyses.add(analysis(a));
        }
        List<TimePoint> timeline = new ArrayList<>();
        for (JsonFields p : r.array("timeline")) {
            Map<Track, TrackPoint> tracks = new EnumMap<>(Track.class);
            p.object("tracks").fields().forEach((name, t) -> tracks.put(Track.parse(name), new TrackPoint(
                    t.text("version"), t.longValue("requests"), t.longValue("errors"), t.num("p50"), t.num("p95"),
                    t.num("p99"), t.integer("restarts"))));
            timeline.add(new TimePoint(p.time("time"), p.integer("canaryWeight"), tracks));
        }
        List<Event> events = new ArrayList<>();
        for (JsonFields e : r.array("events")) {
            EventType type = EventType.parse(e.text("type"));
            if (type == null) {
                throw new IllegalArgumentException("\"type\": unknown event '" + e.text("type") + "'");
            }
            JsonFields s = e.optional("subject");
            events.add(new Event(e.time("time"), type, e.text("message"), s == null ? null : new Subject(
                    s.text("stableVersion"), s.text("canaryVersion"), s.text("strategyKind"), s.text("strategyName"))));
        }
        return new RolloutRecord(r.text("title"), r.text("strategy"), r.text("stableVersion"),
                r.text("canaryVersion"), r.text("source"), r.time("started"), r.time("ended"),
                r.enumValue("outcome", RolloutOutcome.class, false), r.text("sentence"), steps, analyses,
                timeline, events, new JudgedWith(r.text("config"), r.text("configSha256"), r.text("runtime")));
    }

    private static Analysis analysis(JsonFields a) {
        List<Look> looks = new ArrayList<>();
        List<JsonFields> lookFields = a.array("looks");
        List<LookInput> inputs = ReplayJson.readInputs(lookFields);
        for (int i = 0; i < lookFields.size(); i++) {
            JsonFields l = lookFields.get(i);
            looks.add(new Look(l.time("time"), l.integer("number"), l.enumValue("verdict", Verdict.class, false),
                    l.num("score"), inputs.get(i), ShadowJson.verdicts(l), ShadowJson.samples(l)));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        a.object("queries").fields().forEach((metric, q) -> queries.put(metric, q.node.asText()));
        List<String> notes = new ArrayList<>();
        a.array("notes").forEach(n -> notes.add(n.node.asText()));
        String baseline = a.text("baseline");
        String canary = a.text("canary");
        JsonFields setup = a.optional("setup");
        JsonFields j = a.optional("judgement");
        Judgement judgement = j == null ? null : RolloutJudgementReader.judgement(j);
        return new Analysis(a.text("name"), baseline == null ? null : Track.parse(baseline),
                canary == null ? null : Track.parse(canary), a.time("started"), a.time("ended"),
                a.enumValue("verdict", Verdict.class, false), a.text("sentence"), judgement, looks, queries, notes,
                setup == null ? null : ReplayJson.setup(setup));
    }

    private static void time(ObjectNode o, String key, Instant t) {
        o.put(key, t == null ? null : t.toString());
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
