package dev.canarylab.lab.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Node;
import dev.canarylab.traffic.mix.MixFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads scenarios: the built-in ones by name, or YAML files. */
public final class ScenarioLoader {

    /** The built-in scenarios, playable by name. */
    public static final List<String> BUILT_IN = List.of("happy-path", "slow-release", "error-spike", "memory-leak",
            "crash-loop", "blue-green", "low-traffic", "ab-test", "dark-launch");

    /**
     * What `lab demo all` plays, in order: every built-in. ab-test was left out while a healthy v2 could be rolled
     * back on a 1.11x mean at about 1.5 ms (+0.16 ms, two fresh JVMs); the latency metric now also allows +1 ms.
     */
    public static final List<String> DEMO_ALL = BUILT_IN;

    private static final Set<String> FIELDS = Set.of("name", "title", "explain", "stable", "version", "strategy",
            "config", "rps", "traffic", "expect", "matching");

    private ScenarioLoader() {
    }

    /** A built-in scenario's name, or a file. */
    public static Scenario load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            String resource = "/dev/canarylab/lab/scenarios/" + nameOrFile + ".yaml";
            try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " missing from the jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrFile, nameOrFile, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Path file = Path.of(nameOrFile);
        try {
            String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return parse(Files.readString(file), nameOrFile, base, file.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            throw LabException.badInput(nameOrFile + ": no such file, and not a built-in scenario ("
                    + String.join(", ", BUILT_IN) + ")");
        } catch (IOException e) {
            throw LabException.badInput(nameOrFile + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * Parses a scenario.
     *
     * @param source names the file in error messages
     * @param name   the scenario's name unless it sets one
     * @param dir    resolves relative strategy and config paths (null: built-in)
     */
    public static Scenario parse(String text, String source, String name, Path dir) {
        JsonNode tree = ConfigLoader.readYaml(text, source);
        Node root = new Node(source, "", tree).requireObject();
        root.allowOnly(FIELDS);
        for (String required : List.of("version", "expect")) {
            if (!root.has(required)) {
                throw root.error("needs '" + required + "'");
            }
        }
        String strategy = root.string("strategy", "canary");
        if (!StrategyLoader.BUILT_IN.contains(strategy) && dir != null && !Path.of(strategy).isAbsolute()) {
            strategy = dir.resolve(strategy).toString();
        }
        Path config = null;
        if (root.has("config")) {
            Path p = Path.of(root.get("config").text());
            config = dir == null || p.isAbsolute() ? p : dir.resolve(p);
        }
        double rps = root.number("rps", 40);
        if (!(rps > 0) || rps > 5000) {
            throw root.get("rps").error("must be between 0 and 5000 requests per second");
        }
        Path mix = mix(root, dir);
        String expected = root.get("expect").text().trim().toLowerCase(Locale.ROOT).replace('-', ' ')
                .replace('_', ' ');
        RolloutOutcome expect = Arrays.stream(RolloutOutcome.values()).filter(o -> o.label().equals(expected))
                .findFirst().orElseThrow(() -> root.get("expect").error("must be one of promoted, rolled back,"
                        + " inconclusive, aborted"));
        String version = root.get("version").text();
        Scenario.Matching matching = root.has("matching") ? matching(root.get("matching")) : null;
        return new Scenario(root.string("name", name), root.string("title", name + ": " + version),
                root.string("explain", ""), root.string("stable", null), version, strategy, config, rps, mix, expect,
                matching);
    }

    private static Scenario.Matching matching(Node m) {
        m.requireObject();
        m.allowOnly(Set.of("header", "control", "percent"));
        if (!m.has("header")) {
            throw m.error("needs a header, such as \"X-Beta: on\"");
        }
        double percent = m.number("percent", 25);
        Scenario.Header control = m.has("control") ? header(m.get("control")) : null;
        int most = control == null ? 100 : 50;
        if (percent != Math.rint(percent) || percent < 1 || percent > most) {
            throw m.get("percent").error("must be a whole percentage between 1 and " + most
                    + (control == null ? "" : " (the control group gets as many)"));
        }
        return new Scenario.Matching(header(m.get("header")), control, (int) percent);
    }

    private static Scenario.Header header(Node n) {
        String line = n.text();
        int colon = line.indexOf(':');
        if (colon < 1 || line.substring(colon + 1).isBlank()
                || !line.substring(0, colon).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw n.error("must be 'Name: value', such as \"X-Beta: on\"");
        }
        return new Scenario.Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }

    /** {@code traffic: {mix: requests.yaml}}: read now, so a bad mix stops the run before a lab starts. */
    private static Path mix(Node root, Path dir) {
        if (!root.has("traffic")) {
            return null;
        }
        Node traffic = root.get("traffic").requireObject();
        traffic.allowOnly(Set.of("mix"));
        if (!traffic.has("mix")) {
            throw traffic.error("needs 'mix', a request-mix file (docs/traffic-gen.md)");
        }
        Path p = Path.of(traffic.get("mix").text());
        Path file = dir == null || p.isAbsolute() ? p : dir.resolve(p);
        try {
            MixFile.load(file);
        } catch (IllegalArgumentException e) {
            throw LabException.badInput(e.getMessage());
        }
        return file;
    }
}
