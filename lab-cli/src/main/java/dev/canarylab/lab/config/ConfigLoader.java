package dev.canarylab.lab.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a canary config from YAML or JSON and checks it; every mistake is one line naming the field. */
public final class ConfigLoader {

    /** The config {@code lab} uses when none is given: tuned for sample-app. */
    public static final String DEFAULT_RESOURCE = "/dev/canarylab/lab/config/default-canary.yaml";

    /** The largest canary config read: 1 MB, hundreds of metrics with long queries. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Set<String> TOP = Set.of("analysis", "scoring", "metrics");
    private static final Set<String> ANALYSIS = Set.of("interval", "lifetime", "lookback", "window", "warmup",
            "confidence", "power", "tolerance");
    private static final Set<String> SCORING = Set.of("marginal", "pass", "groups");

    private ConfigLoader() {
    }

    /** The config for one's own service: what any service has (no JVM heap); see docs/judge.md. */
    public static final String SERVICE_RESOURCE = "/dev/canarylab/lab/config/service-canary.yaml";

    public static CanaryConfig defaults() {
        return builtIn(DEFAULT_RESOURCE, "default canary config");
    }

    /** The built-in config for a service that is not sample-app (lab init writes it out as a start). */
    public static CanaryConfig forServices() {
        return builtIn(SERVICE_RESOURCE, "service canary config");
    }

    private static CanaryConfig builtIn(String resource, String name) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return parse(new YAMLMapper().readTree(in), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CanaryConfig load(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(ReadLimits.readAtMost(in, MAX_BYTES), StandardCharsets.UTF_8);
            return parse(text, name);
        } catch (NoSuchFileException e) {
            throw LabException.badInput(name + ": no such file");
        } catch (ReadLimits.TooLarge e) {
            throw LabException.badInput(name + ": larger than " + ReadLimits.size(MAX_BYTES)
                    + ", the most lab reads from a canary config");
        } catch (IOException e) {
            throw LabException.badInput(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses YAML (of which JSON is a subset) text; {@code name} is used in messages. */
    public static CanaryConfig parse(String text, String name) {
        ObjectMapper mapper = text.stripLeading().startsWith("{") ? new ObjectMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw LabException.badInput(name + ": not valid " + (mapper instanceof YAMLMapper ? "YAML" : "JSON")
                    + where(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw LabException.badInput(name + ": empty config");
        }
        return parse(root, name);
    }

    static CanaryConfig parse(JsonNode rootNode, String file) {
        Node root = new Node(file, "", rootNode).requireObject();
        root.allowOnly(TOP);
        AnalysisPlan plan = AnalysisPlan.defaults();
        double confidence = 0.98;
        double power = 0.8;
        double tolerance = 0.25;
        if (root.has("analysis")) {
            Node a = root.get("analysis").requireObject();
            a.allowOnly(ANALYSIS);
            Duration interval = duration(a, "interval", plan.interval());
            Duration lifetime = duration(a, "lifetime", plan.lifetime());
            Duration window = duration(a, "window", plan.window());
            Duration warmup = duration(a, "warmup", plan.warmup());
            if (interval.isZero() || interval.isNegative()) {
                throw a.get("interval").error("must be positive");
            }
            if (lifetime.compareTo(interval) < 0) {
                throw a.get("lifetime").error("must be at least one interval (" + Durations.format(interval) + ")");
            }
            if (window.isZero() || window.isNegative()) {
                throw a.get("window").error("must be positive");
            }
            var lookback = a.has("lookback")
                    ? Enums.parse(a.get("lookback"), dev.canarylab.lab.analysis.Lookback::fromLabel,
                            "growing, sliding")
                    : plan.lookback();
            plan = new AnalysisPlan(interval, lifetime, lookback, window, warmup);
            confidence = a.number("confidence", confidence);
            if (!(confidence > 0.5 && confidence < 1)) {
                throw a.get("confidence").error("must be between 0.5 and 1 (e.g. 0.98)");
            }
            power = a.number("power", power);
            if (!(power > 0.5 && power < 1)) {
                throw a.get("power").error("must be between 0.5 and 1 (e.g. 0.8)");
            }
            tolerance = a.number("tolerance", tolerance);
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw a.get("tolerance").error("must be at least 0 and below 1 (e.g. 0.25)");
            }
        }

        double marginal = 75;
        double pass = 95;
        Map<String, Double> weights = new LinkedHashMap<>();
        if (root.has("scoring")) {
            Node s = root.get("scoring").requireObject();
            s.allowOnly(SCORING);
            marginal = s.number("marginal", marginal);
            pass = s.number("pass", pass);
            if (!(marginal >= 0 && marginal <= 100) || !(pass >= 0 && pass <= 100)) {
                throw s.error("marginal and pass must be between 0 and 100");
            }
            if (marginal > pass) {
                throw s.get("marginal").error("(" + Format0.n(marginal) + ") must not exceed pass (" + Format0.n(pass)
                        + ")");
            }
            if (s.has("groups")) {
                Node g = s.get("groups").requireObject();
                var it = g.raw().fieldNames();
                while (it.hasNext()) {
                    String group = it.next();
                    double w = g.get(group).number();
                    if (!(w > 0)) {
                        throw g.get(group).error("must be a positive weight");
                    }
                    weights.put(group, w);
                }
            }
        }

        if (!root.has("metrics")) {
            throw root.error("metrics: missing; a canary config needs at least one metric");
        }
        List<MetricSpec> metrics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node m : root.get("metrics").elements()) {
            MetricSpec spec = MetricParser.parse(m);
            if (!names.add(spec.name())) {
                throw m.get("name").error("'" + spec.name() + "' is used by two metrics");
            }
            if (!weights.isEmpty()) {
                for (String group : spec.groups()) {
                    if (!weights.containsKey(group)) {
                        throw m.get("groups").error("names group '" + group + "', which has no weight in "
                                + "scoring.groups");
                    }
                }
            }
            metrics.add(spec);
        }
        if (metrics.isEmpty()) {
            throw root.get("metrics").error("must list at least one metric");
        }
        return new CanaryConfig(metrics, weights, marginal, pass, confidence, power, tolerance, plan);
    }

    public static Duration duration(Node parent, String key, Duration fallback) {
        if (!parent.has(key)) {
            return fallback;
        }
        Node n = parent.get(key);
        return Durations.parse(n.text())
                .orElseThrow(() -> n.error("must be a duration such as 500ms, 10s, 5m or 1h"));
    }

    static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column "
                + loc.getColumnNr();
    }

    /** A YAML document, or one line naming the file, the line and column, and what is wrong. */
    public static JsonNode readYaml(String text, String name) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw LabException.badInput(name + ": not valid YAML" + where(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Tiny number formatter for messages. */
    static final class Format0 {
        private Format0() {
        }

        static String n(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
