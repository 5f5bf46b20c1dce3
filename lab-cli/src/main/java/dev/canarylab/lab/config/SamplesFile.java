package dev.canarylab.lab.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TrackPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The samples file judged by {@code lab judge} and written by {@code lab analyze --export}:
 * <pre>
 * {"durationSeconds": 60,
 *  "metrics": {"latency": {"baseline": [12.1, 13.4], "canary": [12.9, 40.2]},
 *              "errors":  {"baseline": {"total": 1000, "errors": 0}, "canary": {"total": 1000, "errors": 40}}}}
 * </pre>
 * A missing value is written null. Every metric kind measures something that cannot be negative (time, bytes,
 * shares, levels, counts): a negative, NaN or infinite value is refused, naming the metric and the track.
 * {@code durationSeconds} (optional) is how long the samples took to collect; it turns "need N more requests"
 * into seconds and enables minimum-traffic checks.
 *
 * <p>What is read is bounded, so that {@code /dev/zero} or a runaway export is refused in one line instead of
 * exhausting memory: at most {@link #MAX_BYTES} bytes and {@link #MAX_VALUES} values per file.
 */
public final class SamplesFile {

    /** The largest samples file read: 256 MB. */
    public static final long MAX_BYTES = 256L << 20;
    /** The most values (numbers and nulls) read from one samples file: 10 million, 80 MB once parsed. */
    public static final long MAX_VALUES = 10_000_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The parsed file. */
    public record Samples(Map<String, TrackPair> metrics, Double durationSeconds) {
    }

    private SamplesFile() {
    }

    public static Samples read(Path file, CanaryConfig config) {
        return read(file, config, MAX_BYTES, MAX_VALUES);
    }

    static Samples read(Path file, CanaryConfig config, long maxBytes, long maxValues) {
        String name = file.toString();
        JsonNode tree;
        // Parsed from the stream, never read whole into a string: the limits apply while reading.
        try (InputStream in = new ReadLimits.BoundedInput(Files.newInputStream(file), maxBytes);
                JsonParser parser = new ReadLimits.CountingParser(MAPPER.createParser(in), maxValues)) {
            tree = MAPPER.readTree(parser);
        } catch (NoSuchFileException e) {
            throw LabException.badInput(name + ": no such file");
        } catch (ReadLimits.TooLarge e) {
            throw LabException.badInput(name + ": larger than " + ReadLimits.size(maxBytes)
                    + ", the most lab reads from a samples file");
        } catch (ReadLimits.TooMany e) {
            throw LabException.badInput(name + ": more than " + maxValues + " values, the most lab reads from a"
                    + " samples file");
        } catch (JsonProcessingException e) {
            throw notJson(name, e);
        } catch (IOException e) {
            throw LabException.badInput(name + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(tree, name, config);
    }

    public static Samples parse(String text, String name, CanaryConfig config) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw notJson(name, e);
        }
        return parse(tree, name, config);
    }

    private static LabException notJson(String name, JsonProcessingException e) {
        var loc = e.getLocation();
        return LabException.badInput(name + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                + ", column " + loc.getColumnNr()) + ": " + ConfigLoader.firstLine(e.getOriginalMessage()));
    }

    private static Samples parse(JsonNode tree, String name, CanaryConfig config) {
        if (tree == null || tree.isMissingNode()) {
            throw LabException.badInput(name + ": empty file");
        }
        Node root = new Node(name, "", tree).requireObject();
        root.allowOnly(Set.of("metrics", "durationSeconds"));
        Double duration = null;
        if (root.has("durationSeconds")) {
            duration = root.get("durationSeconds").number();
            if (!(duration > 0)) {
                throw root.get("durationSeconds").error("must be positive");
            }
        }
        if (!root.has("metrics")) {
            throw root.error("metrics: missing; expected {\"metrics\": {\"<metric>\": {\"baseline\": ..., "
                    + "\"canary\": ...}}}");
        }
        Node metrics = root.get("metrics").requireObject();
        Map<String, TrackPair> out = new LinkedHashMap<>();
        Iterator<String> names = metrics.raw().fieldNames();
        while (names.hasNext()) {
            String metric = names.next();
            Node entry = metrics.get(metric);
            List<String> known = config.metrics().stream().map(MetricSpec::name).toList();
            MetricSpec spec = config.metric(metric).orElseThrow(() -> entry.error("is not a metric of the config"
                    + Names.nearest(metric, known).map(n -> "; did you mean " + n + "?").orElse("")
                    + " (it has: " + String.join(", ", known) + ")"));
            entry.requireObject();
            entry.allowOnly(Set.of("baseline", "canary"));
            MetricData baseline = entry.has("baseline") ? track(entry.get("baseline"), spec.kind()) : null;
            MetricData canary = entry.has("canary") ? track(entry.get("canary"), spec.kind()) : null;
            out.put(metric, new TrackPair(baseline, canary));
        }
        return new Samples(out, duration);
    }

    /**
     * One warning per metric of the config that the samples lack entirely: it will be judged NODATA, which Kayenta's
     * scoring leaves out, so a misspelt name must not read as "no data, still passed".
     */
    public static List<String> absentMetrics(Samples samples, CanaryConfig config, String file) {
        List<String> warnings = new ArrayList<>();
        for (MetricSpec spec : config.metrics()) {
            if (!samples.metrics().containsKey(spec.name())) {
                List<String> present = samples.metrics().keySet().stream().toList();
                warnings.add(file + " has no samples for metric '" + spec.name() + "' of the config; it is judged"
                        + " NODATA" + Names.nearest(spec.name(), present).map(n -> " (a typo for '" + n + "'?)")
                                .orElse(""));
            }
        }
        return warnings;
    }

    private static MetricData track(Node node, MetricKind kind) {
        if (kind == MetricKind.ERROR_RATIO) {
            if (!node.raw().isObject()) {
                throw node.error("must be {\"total\": N, \"errors\": K} for an error-ratio metric");
            }
            node.allowOnly(Set.of("total", "errors"));
            long total = count(node, "total");
            long errors = count(node, "errors");
            if (errors > total) {
                throw node.error("has more errors (" + errors + ") than requests (" + total + ")");
            }
            return MetricData.counts(total, errors);
        }
        if (!node.raw().isArray()) {
            throw node.error("must be an array of numbers");
        }
        double[] values = new double[node.raw().size()];
        int i = 0;
        for (Node v : node.elements()) {
            double value = v.raw().isNull() ? Double.NaN : v.number();
            if (!v.raw().isNull()) {
                checkValue(v, value, kind);
            }
            values[i++] = value;
        }
        return MetricData.values(values);
    }

    /** A measurement of any kind is a finite, non-negative number; a count is also whole. */
    private static void checkValue(Node v, double value, MetricKind kind) {
        if (Double.isNaN(value)) {
            throw v.error("is NaN: a " + kind.label() + " must be a number (null marks a missing value)");
        }
        if (Double.isInfinite(value)) {
            throw v.error("must be a finite number (null marks a missing value)");
        }
        if (value < 0) {
            throw v.error("is " + ConfigLoader.Format0.n(value) + ": a " + kind.label() + " cannot be negative");
        }
        if (kind == MetricKind.COUNT && value != Math.rint(value)) {
            throw v.error("must be a whole number of events per step for a count metric");
        }
    }

    private static long count(Node parent, String key) {
        if (!parent.has(key)) {
            throw parent.error("needs \"" + key + "\"");
        }
        Node n = parent.get(key);
        JsonNode raw = n.raw();
        if (!raw.isIntegralNumber() || raw.asLong() < 0 || raw.asLong() > Integer.MAX_VALUE) {
            throw n.error("must be a whole number between 0 and " + Integer.MAX_VALUE);
        }
        return raw.asLong();
    }

    /** Writes samples in the same format ({@code lab analyze --export}). NaN is written as null. */
    public static String write(Map<String, TrackPair> metrics, Double durationSeconds) {
        ObjectNode root = MAPPER.createObjectNode();
        if (durationSeconds != null) {
            root.put("durationSeconds", durationSeconds);
        }
        ObjectNode all = root.putObject("metrics");
        metrics.forEach((name, pair) -> {
            ObjectNode entry = all.putObject(name);
            put(entry, "baseline", pair.baseline());
            put(entry, "canary", pair.canary());
        });
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode entry, String track, MetricData data) {
        if (data instanceof MetricData.Counts c) {
            ObjectNode o = entry.putObject(track);
            o.put("total", c.total());
            o.put("errors", c.errors());
        } else if (data instanceof MetricData.Values v) {
            ArrayNode a = entry.putArray(track);
            for (double d : v.values()) {
                if (Double.isNaN(d)) {
                    a.addNull();
                } else {
                    a.add(d);
                }
            }
        }
    }
}
