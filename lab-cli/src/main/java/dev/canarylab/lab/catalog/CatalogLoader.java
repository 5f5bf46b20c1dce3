package dev.canarylab.lab.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.canarylab.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code lab.yaml}. Everything is checked here, so that a typo is one line at {@code lab up} or
 * {@code lab deploy} rather than an instance that crash-loops on a flag sample-app refuses.
 */
public final class CatalogLoader {

    /** sample-app's fault flags (see its README); anything else in {@code faults:} is refused. */
    static final Set<String> FAULT_FLAGS = Set.of("latency", "latency-jitter", "latency-ratio", "error-rate",
            "payload-bloat", "cpu-burn", "leak", "leak-cap", "crash-after-requests", "crash-after",
            "crash-exit-code", "unready", "unhealthy", "slow-start");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern COLOR = Pattern.compile("[a-zA-Z]{1,30}|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CatalogLoader() {
    }

    public static Catalog load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw LabException.badInput("no version catalogue at " + file + " (run from the repository root, or pass --catalog FILE)");
        } catch (IOException e) {
            throw LabException.badInput("cannot read the catalogue " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    static Catalog parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw LabException.badInput(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw LabException.badInput(source + ": expected a mapping with 'stable' and 'versions'");
        }
        onlyKeys(root, Set.of("stable", "versions"), source);
        JsonNode versions = root.path("versions");
        if (!versions.isObject() || versions.isEmpty()) {
            throw LabException.badInput(source + ": 'versions' must map version names to their colour, story and faults");
        }
        Map<String, VersionSpec> specs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            specs.put(e.getKey(), version(e.getKey(), e.getValue(), source));
        }
        String stable = root.path("stable").asText(specs.keySet().iterator().next());
        return new Catalog(stable, specs);
    }

    private static VersionSpec version(String name, JsonNode node, String source) {
        String where = source + ": version '" + name + "'";
        if (!NAME.matcher(name).matches()) {
            throw LabException.badInput(where + ": a name is letters, digits, '.', '_' or '-' (at most 63)");
        }
        if (!node.isObject()) {
            throw LabException.badInput(where + ": expected color, story and faults");
        }
        onlyKeys(node, Set.of("color", "story", "faults"), where);
        String color = node.path("color").asText("");
        if (!COLOR.matcher(color).matches()) {
            throw LabException.badInput(where + ": color must be a CSS colour name or #rrggbb, got '" + color + "'");
        }
        Map<String, String> faults = new TreeMap<>();
        JsonNode f = node.path("faults");
        if (!f.isMissingNode() && !f.isNull()) {
            if (!f.isObject()) {
                throw LabException.badInput(where + ": faults must map sample-app fault flags to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!FAULT_FLAGS.contains(e.getKey())) {
                    throw LabException.badInput(where + ": unknown fault '" + e.getKey() + "'; sample-app knows "
                            + String.join(", ", sorted()));
                }
                String value = e.getValue().asText();
                if (!e.getValue().isValueNode() || !VALUE.matcher(value).matches()) {
                    throw LabException.badInput(where + ": fault '" + e.getKey() + "' needs a plain value such as 250ms or 0.05");
                }
                faults.put(e.getKey(), value);
            }
        }
        return new VersionSpec(name, color, node.path("story").asText(""), faults);
    }

    private static Iterable<String> sorted() {
        return new java.util.TreeSet<>(FAULT_FLAGS);
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw LabException.badInput(where + ": unknown key '" + key + "'; expected " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }
}
