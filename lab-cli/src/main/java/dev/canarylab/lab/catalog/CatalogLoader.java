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

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
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
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), folder == null ? Path.of("").toAbsolutePath() : folder);
    }

    static Catalog parse(String yaml, String source) {
        return parse(yaml, source, Path.of("").toAbsolutePath());
    }

    /** {@code base}: the catalogue's folder, from which a service's jar and workdir are read. */
    static Catalog parse(String yaml, String source, Path base) {
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
            specs.put(e.getKey(), version(e.getKey(), e.getValue(), source, base));
        }
        String stable = root.path("stable").asText(specs.keySet().iterator().next());
        if (!specs.containsKey(stable)) {
            throw LabException.badInput(source + ": the stable version '" + stable + "' is not among its versions "
                    + String.join(", ", specs.keySet()));
        }
        return new Catalog(stable, specs);
    }

    private static VersionSpec version(String name, JsonNode node, String source, Path base) {
        String where = source + ": version '" + name + "'";
        if (!NAME.matcher(name).matches()) {
            throw LabException.badInput(where + ": a name is letters, digits, '.', '_' or '-' (at most 63)");
        }
        if (!node.isObject()) {
            throw LabException.badInput(where + ": expected color, story, and faults or a command, jar or image");
        }
        Set<String> keys = new java.util.HashSet<>(ServiceParser.KEYS);
        keys.addAll(Set.of("color", "story", "faults"));
        onlyKeys(node, keys, where);
        boolean service = ServiceParser.isService(node);
        if (service && node.has("faults")) {
            throw LabException.badInput(where + ": faults are sample-app's fault flags; a version with command, jar"
                    + " or image is your own service (deploy a regressed build of it instead)");
        }
        if (!service) {
            for (String k : ServiceParser.KEYS) {
                if (node.has(k)) {
                    throw LabException.badInput(where + ": " + k + " is for your own service: give the version a"
                            + " command, a jar or an image (without them it is sample-app)");
                }
            }
        }
        JsonNode c = node.path("color");
        String color = c.isTextual() ? c.asText() : "";
        if (!Colours.valid(color)) {
            throw LabException.badInput(where + ": color must be a CSS colour name (such as green or teal) or"
                    + " #rgb / #rrggbb, got '" + c.asText("") + "'");
        }
        Map<String, String> faults = new TreeMap<>();
        JsonNode f = node.path("faults");
        if (!f.isMissingNode() && !f.isNull()) {
            if (!f.isObject()) {
                throw LabException.badInput(where + ": faults must map sample-app fault flags to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!FaultValues.known(e.getKey())) {
                    throw LabException.badInput(where + ": unknown fault '" + e.getKey() + "'; sample-app knows "
                            + String.join(", ", FaultValues.flags()));
                }
                faults.put(e.getKey(), faultValue(e.getKey(), e.getValue(), where));
            }
        }
        JsonNode story = node.path("story");
        if (!story.isMissingNode() && !story.isNull() && !story.isValueNode()) {
            throw LabException.badInput(where + ": story must be a sentence, got " + story);
        }
        return new VersionSpec(name, color, story.asText(""), faults,
                service ? ServiceParser.parse(node, where, base) : null);
    }

    /** The value as sample-app will get it (its text), refused here when sample-app would refuse it. */
    private static String faultValue(String flag, JsonNode value, String where) {
        String text = value.isValueNode() && !value.isNull() ? value.asText() : null;
        String why = text == null ? "a plain value" : FaultValues.refusal(flag, text);
        if (why != null) {
            throw LabException.badInput(where + ": faults." + flag + " must be " + why + ", got '"
                    + (text == null ? value.toString() : text) + "'");
        }
        return text;
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
