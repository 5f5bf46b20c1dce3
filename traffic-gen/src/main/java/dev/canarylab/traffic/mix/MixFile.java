package dev.canarylab.traffic.mix;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a request-mix file (YAML, or JSON, which is YAML too): a {@code requests:} list whose entries have
 * {@code path} and optionally {@code name}, {@code method}, {@code headers}, {@code body}, {@code weight} and
 * {@code success}. Every mistake is one {@link IllegalArgumentException} whose message names the file and the
 * entry, so that traffic-gen and the lab can print it as one line and exit 2.
 */
public final class MixFile {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "method", "path", "headers", "body", "weight", "success");
    /** A mix file is a few requests; anything this large is the wrong file. */
    private static final long MAX_BYTES = 1 << 20;

    private MixFile() {
    }

    public static List<Endpoint> load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": a request mix is at most 1 MiB; is this the right file?");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such request-mix file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the request mix (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** @param source names the file in messages */
    public static List<Endpoint> parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines().findFirst().orElse("");
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException(source + ": not valid YAML or JSON" + line + ": " + why.strip());
        }
        if (root == null || !root.isObject() || !root.path("requests").isArray()) {
            throw new IllegalArgumentException(source + ": expected 'requests:' with a list of requests (path, and"
                    + " optionally name, method, headers, body, weight, success)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("requests")) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'; a mix file has only 'requests'");
            }
        }
        if (root.path("requests").isEmpty()) {
            throw new IllegalArgumentException(source + ": 'requests' is empty; list at least one request");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        int n = 0;
        for (JsonNode entry : root.path("requests")) {
            n++;
            Endpoint e = entry(entry, source + ": request " + n);
            if (!names.add(e.name())) {
                throw new IllegalArgumentException(source + ": request " + n + " (" + e.name() + "): the name is"
                        + " taken by an earlier request; give one of them a 'name'");
            }
            endpoints.add(e);
        }
        return endpoints;
    }

    private static Endpoint entry(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping with at least 'path', got " + node);
        }
        String method = text(node, "method", "GET", where).toUpperCase(Locale.ROOT);
        String path = text(node, "path", null, where);
        if (path == null) {
            throw new IllegalArgumentException(where + ": needs 'path', such as /orders");
        }
        String label = where + " (" + method + " " + path + ")";
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException(label + ": unknown key '" + key + "'; expected "
                        + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        Map<String, String> headers = headers(node.path("headers"), label);
        String body = body(node.path("body"), headers, label);
        JsonNode w = node.path("weight");
        if (!w.isMissingNode() && !w.canConvertToExactIntegral()) {
            throw new IllegalArgumentException(label + ": weight must be a whole number, 1 or more, got " + w);
        }
        try {
            return new Endpoint(text(node, "name", method + " " + path, label), method, path, headers, body,
                    w.isMissingNode() ? 1 : w.asInt(), success(node.path("success")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String fallback, String where) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a plain value, got " + v);
        }
        return v.asText().strip();
    }

    private static Map<String, String> headers(JsonNode node, String where) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": headers must map names to values, e.g. {Accept: application/json}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || !h.getValue().isValueNode()) {
                throw new IllegalArgumentException(where + ": header '" + h.getKey() + "' needs a token name and a"
                        + " plain value");
            }
            headers.put(h.getKey(), h.getValue().asText());
        }
        return headers;
    }

    /** A mapping or list body is sent as JSON, with a JSON content type unless the request sets its own. */
    private static String body(JsonNode node, Map<String, String> headers, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", "application/json");
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": body cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Success success(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Success.DEFAULT;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isValueNode()) {
                throw new IllegalArgumentException("success: '" + item + "' is not an HTTP status or a class such as 2xx");
            }
            items.add(item.asText());
        }
        return Success.parse(items);
    }
}
