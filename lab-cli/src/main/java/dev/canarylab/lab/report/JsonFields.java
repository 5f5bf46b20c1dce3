package dev.canarylab.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed, null-tolerant access to a JSON object; a missing required field is an IllegalArgumentException. */
final class JsonFields {

    final JsonNode node;

    JsonFields(JsonNode node) {
        this.node = node;
    }

    private JsonNode required(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return v;
    }

    String text(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** NaN where the writer put null for a non-finite number. */
    double num(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Double.NaN : number(key, v).doubleValue();
    }

    Double boxed(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : number(key, v).doubleValue();
    }

    Long boxedLong(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : number(key, v).longValue();
    }

    int integer(String key) {
        return number(key, required(key)).intValue();
    }

    long longValue(String key) {
        return number(key, required(key)).longValue();
    }

    boolean bool(String key) {
        JsonNode v = required(key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false");
        }
        return v.booleanValue();
    }

    /** An enum constant by name; required unless the field may be null. */
    <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
        String name = required ? required(key).asText() : text(key);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + key + "\": unknown value '" + name + "'");
        }
    }

    Instant time(String key) {
        String t = text(key);
        return t == null ? null : Instant.parse(t);
    }

    JsonFields object(String key) {
        JsonNode v = required(key);
        if (!v.isObject()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an object");
        }
        return new JsonFields(v);
    }

    JsonFields optional(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : object(key);
    }

    List<JsonFields> array(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an array");
        }
        List<JsonFields> items = new ArrayList<>();
        v.forEach(n -> items.add(new JsonFields(n)));
        return items;
    }

    Map<String, JsonFields> fields() {
        Map<String, JsonFields> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), new JsonFields(e.getValue())));
        return out;
    }

    private static Number number(String key, JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + v);
        }
        return v.numberValue();
    }
}
