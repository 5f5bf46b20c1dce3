package dev.canarylab.lab.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.LabException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON/YAML node with its path ("metrics[2].allowedIncrease") and its file name, so that every complaint
 * about bad input is one line that says where. Unknown keys are rejected: a typo must not silently fall
 * back to a default. Public for the loaders that sit beside the types they load (rollout's strategies and
 * scenarios).
 */
public final class Node {

    private final String file;
    private final String path;
    private final JsonNode node;

    public Node(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    public JsonNode raw() {
        return node;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public Node get(String key) {
        return new Node(file, path.isEmpty() ? key : path + "." + key, node.get(key));
    }

    public LabException error(String message) {
        return LabException.badInput(file + ": " + (path.isEmpty() ? "" : path + " ") + message);
    }

    public Node requireObject() {
        if (node == null || !node.isObject()) {
            throw error("must be an object");
        }
        return this;
    }

    public void allowOnly(Set<String> keys) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw get(name).error("is not a known field (known: " + String.join(", ", keys.stream().sorted()
                        .toList()) + ")");
            }
        }
    }

    public List<Node> elements() {
        if (node == null || !node.isArray()) {
            throw error("must be a list");
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new Node(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    public String text() {
        if (node == null || !(node.isTextual() || node.isNumber() || node.isBoolean())) {
            throw error("must be a text value");
        }
        return node.asText();
    }

    public double number() {
        if (node == null || !node.isNumber()) {
            throw error("must be a number");
        }
        return node.asDouble();
    }

    /** A whole number: 1.5 is refused, never truncated to 1. */
    public long whole() {
        double v = number();
        if (v != Math.rint(v) || Math.abs(v) > 1e15) {
            throw error("must be a whole number, got " + node.asText());
        }
        return (long) v;
    }

    public boolean bool() {
        if (node == null || !node.isBoolean()) {
            throw error("must be true or false");
        }
        return node.asBoolean();
    }

    public String string(String key, String fallback) {
        return has(key) ? get(key).text() : fallback;
    }

    public double number(String key, double fallback) {
        return has(key) ? get(key).number() : fallback;
    }

    public long whole(String key, long fallback) {
        return has(key) ? get(key).whole() : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        return has(key) ? get(key).bool() : fallback;
    }
}
