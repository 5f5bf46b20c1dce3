package dev.canarylab.lab.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Node;
import dev.canarylab.lab.rollout.Strategy.Step;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads rollout strategies: a YAML file, or a built-in by name ("canary", "blue-green"). */
public final class StrategyLoader {

    public static final List<String> BUILT_IN = List.of("canary", "blue-green", "ab-test", "dark-launch");

    private static final Set<String> TOP = Set.of("strategy", "baseline", "replicas", "config", "analysis",
            "extensions", "background", "steps", "blueGreen", "webhooks", "sessionAffinity");

    private StrategyLoader() {
    }

    /** A built-in strategy's name, or a file. */
    public static Strategy load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            String resource = "/dev/canarylab/lab/strategies/" + nameOrFile + ".yaml";
            try (InputStream in = StrategyLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " missing from the jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrFile, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Path file = Path.of(nameOrFile);
        try {
            return parse(Files.readString(file), file.toString(), file.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            throw LabException.badInput(nameOrFile + ": no such file, and not a built-in strategy ("
                    + String.join(", ", BUILT_IN) + ")");
        } catch (IOException e) {
            throw LabException.badInput(nameOrFile + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses a strategy; {@code dir} resolves a relative {@code config} path (null: the working directory). */
    public static Strategy parse(String text, String name, Path dir) {
        JsonNode tree = ConfigLoader.readYaml(text, name);
        Node root = new Node(name, "", tree).requireObject();
        root.allowOnly(TOP);
        Strategy.Kind kind = switch (root.string("strategy", "canary")) {
            case "canary" -> Strategy.Kind.CANARY;
            case "blue-green" -> Strategy.Kind.BLUE_GREEN;
            default -> throw root.get("strategy").error("must be canary or blue-green");
        };
        long replicas = root.whole("replicas", 1);
        if (replicas < 1 || replicas > 10) {
            throw root.get("replicas").error("must be between 1 and 10");
        }
        Path config = null;
        if (root.has("config") && !root.get("config").text().equals("default")) {
            Path p = Path.of(root.get("config").text());
            config = dir == null || p.isAbsolute() ? p : dir.resolve(p);
        }
        Strategy.Timing defaults = new Strategy.Timing(Duration.ofSeconds(10), Duration.ofSeconds(60));
        if (root.has("analysis")) {
            defaults = timing(root.get("analysis"), defaults);
        }
        long extensions = root.whole("extensions", 1);
        if (extensions < 0 || extensions > 10) {
            throw root.get("extensions").error("must be between 0 and 10");
        }
        List<Step> steps = new ArrayList<>();
        Strategy.BlueGreen blueGreen = null;
        boolean baseline = false;
        boolean background = false;
        Strategy.SessionAffinity affinity = null;
        if (kind == Strategy.Kind.CANARY) {
            if (root.has("blueGreen")) {
                throw root.get("blueGreen").error("belongs to a blue-green strategy (strategy: blue-green)");
            }
            baseline = root.bool("baseline", true);
            background = root.bool("background", false);
            if (!root.has("steps")) {
                throw root.error("a canary strategy needs steps (setWeight, pause, analysis)");
            }
            RouteStepLoader routes = new RouteStepLoader();
            for (Node s : root.get("steps").elements()) {
                steps.add(step(s, defaults, baseline, routes));
            }
            if (!Strategy.routesTraffic(steps)) {
                throw root.get("steps").error("must contain at least one setWeight, setHeaderRoute or setMirrorRoute,"
                        + " or the canary never gets traffic");
            }
            if (root.has("sessionAffinity")) {
                affinity = RouteStepLoader.affinity(root.get("sessionAffinity"));
            }
        } else {
            for (String key : List.of("steps", "baseline", "background", "sessionAffinity")) {
                if (root.has(key)) {
                    throw root.get(key).error("belongs to a canary strategy (strategy: canary)");
                }
            }
            blueGreen = blueGreen(root.has("blueGreen") ? root.get("blueGreen").requireObject() : null, defaults);
        }
        List<Strategy.Webhook> hooks = new ArrayList<>();
        if (root.has("webhooks")) {
            for (Node h : root.get("webhooks").elements()) {
                hooks.add(webhook(h));
            }
        }
        return new Strategy(name, kind, baseline, (int) replicas, config, defaults, (int) extensions, background, steps,
                blueGreen, hooks, affinity);
    }

    private static Step step(Node s, Strategy.Timing defaults, boolean baseline, RouteStepLoader routes) {
        s.requireObject();
        s.allowOnly(Set.of("setWeight", "pause", "analysis", "setHeaderRoute", "setMirrorRoute"));
        if (s.raw().size() != 1) {
            throw s.error("must have exactly one of setWeight, pause, analysis, setHeaderRoute, setMirrorRoute");
        }
        if (s.has("setHeaderRoute")) {
            return routes.headerRoute(s.get("setHeaderRoute"), baseline);
        }
        if (s.has("setMirrorRoute")) {
            return routes.mirrorRoute(s.get("setMirrorRoute"));
        }
        if (s.has("setWeight")) {
            double w = s.get("setWeight").number();
            int max = baseline ? 50 : 100;
            if (w != Math.rint(w) || w < 0 || w > max) {
                throw s.get("setWeight").error("must be a whole percentage between 0 and " + max
                        + (baseline ? " (the baseline gets as much as the canary)" : ""));
            }
            return new Step.SetWeight((int) w);
        }
        if (s.has("pause")) {
            Node p = s.get("pause");
            if (p.raw().isObject()) {
                p.allowOnly(Set.of("duration"));
                return new Step.Pause(p.has("duration") ? ConfigLoader.duration(p, "duration", null) : null);
            }
            if (p.text().equals("forever") || p.text().equals("untilPromoted")) {
                return new Step.Pause(null);
            }
            return new Step.Pause(ConfigLoader.duration(s, "pause", null));
        }
        return new Step.Analysis(timing(s.get("analysis"), defaults));
    }

    private static Strategy.Timing timing(Node n, Strategy.Timing defaults) {
        n.requireObject();
        n.allowOnly(Set.of("interval", "lifetime", "power", "iterations"));
        Duration interval = ConfigLoader.duration(n, "interval", defaults.interval());
        Duration lifetime = ConfigLoader.duration(n, "lifetime", defaults.lifetime());
        if (interval.isZero() || interval.isNegative()) {
            throw n.get("interval").error("must be positive");
        }
        if (n.has("iterations")) {
            // Flagger's analysis.iterations: so many looks, one interval apart
            if (n.has("lifetime")) {
                throw n.get("iterations").error("and lifetime say the same thing twice; give one");
            }
            long iterations = n.get("iterations").whole();
            if (iterations < 1 || iterations > 100) {
                throw n.get("iterations").error("must be between 1 and 100");
            }
            lifetime = interval.multipliedBy(iterations);
        }
        if (lifetime.compareTo(interval) < 0) {
            throw n.error("lifetime must be at least one interval");
        }
        Double power = defaults.power();
        if (n.has("power")) {
            power = n.get("power").number();
            if (!(power >= 0 && power < 1)) {
                throw n.get("power").error("must be at least 0 and below 1 (0: fail on evident regressions only)");
            }
        }
        return new Strategy.Timing(interval, lifetime, power);
    }

    private static Strategy.BlueGreen blueGreen(Node n, Strategy.Timing defaults) {
        if (n == null) {
            return new Strategy.BlueGreen(20, defaults, Duration.ZERO, defaults);
        }
        n.allowOnly(Set.of("previewRate", "prePromotionAnalysis", "autoPromotionDelay", "postPromotionAnalysis"));
        long rate = n.whole("previewRate", 20);
        if (rate < 1 || rate > 1000) {
            throw n.get("previewRate").error("must be between 1 and 1000 requests/s");
        }
        return new Strategy.BlueGreen((int) rate,
                n.has("prePromotionAnalysis") ? timing(n.get("prePromotionAnalysis"), defaults) : null,
                ConfigLoader.duration(n, "autoPromotionDelay", Duration.ZERO),
                n.has("postPromotionAnalysis") ? timing(n.get("postPromotionAnalysis"), defaults) : null);
    }

    private static Strategy.Webhook webhook(Node h) {
        h.requireObject();
        h.allowOnly(Set.of("url", "events", "confirmPromotion", "timeout"));
        URI url;
        try {
            url = URI.create(h.get("url").text());
        } catch (IllegalArgumentException e) {
            throw h.get("url").error("must be a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw h.get("url").error("must be an http or https URL with a host, such as http://127.0.0.1:9000/hook");
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        Set<String> names = EventType.subscribableIds();
        if (h.has("events")) {
            names = new LinkedHashSet<>();
            for (Node e : h.get("events").elements()) {
                if (!EventType.subscribableIds().contains(e.text())) {
                    throw e.error("is not an event (events: " + String.join(", ", EventType.subscribableIds()) + ")");
                }
                names.add(e.text());
            }
        }
        for (EventType t : EventType.values()) {
            if (t.subscribable() && names.contains(t.id())) {
                events.add(t);
            }
        }
        Duration timeout = ConfigLoader.duration(h, "timeout", Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw h.get("timeout").error("must be between 1ms and 1m");
        }
        return new Strategy.Webhook(url, events, h.bool("confirmPromotion", false), timeout);
    }
}
