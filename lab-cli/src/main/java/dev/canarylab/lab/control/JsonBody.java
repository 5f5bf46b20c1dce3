package dev.canarylab.lab.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.LabException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A control API request body, read strictly: malformed JSON, a body that is not an object, a missing or null
 * field, a field of the wrong type, a fraction where a whole number belongs, or a number out of range is a 400
 * with one line saying which field, never a 500 or a default (a weight of 0 for {@code {}}).
 */
final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The body as a JSON object with only {@code known} fields; an empty body reads as {@code {}} when allowed. */
    static JsonBody parse(String text, Set<String> known, boolean emptyIsObject) {
        if (text == null || text.isBlank()) {
            if (emptyIsObject) {
                return new JsonBody(StateFile.JSON.createObjectNode());
            }
            throw bad("the request needs a JSON object with " + String.join(", ", new TreeSet<>(known)));
        }
        JsonNode n;
        try {
            n = StateFile.JSON.readTree(text);
        } catch (JacksonException e) {
            throw bad("the request body is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw bad("the request body must be a JSON object with " + String.join(", ", new TreeSet<>(known))
                    + ", got " + (n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw bad("unknown field '" + name + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return new JsonBody(n);
    }

    boolean has(String name) {
        JsonNode f = field(name);
        return f != null && !f.isNull();
    }

    /** A whole number in [min, max], required. */
    int whole(String name, int min, int max) {
        JsonNode f = required(name, "a whole number from " + min + " to " + max);
        if (!f.isIntegralNumber() || !f.canConvertToInt() || f.intValue() < min || f.intValue() > max) {
            throw bad(name + " must be a whole number from " + min + " to " + max + ", got " + f);
        }
        return f.intValue();
    }

    /** A whole number in [min, max], or null when left out. */
    Integer optionalWhole(String name, int min, int max) {
        return has(name) ? whole(name, min, max) : null;
    }

    /** A number in [min, max], or null when left out. */
    Double optionalNumber(String name, double min, double max) {
        if (!has(name)) {
            return null;
        }
        JsonNode f = field(name);
        if (!f.isNumber() || !(f.doubleValue() >= min && f.doubleValue() <= max)) {
            throw bad(name + " must be between " + trim(min) + " and " + trim(max) + ", got " + f);
        }
        return f.doubleValue();
    }

    /** Non-blank text, required. */
    String text(String name) {
        JsonNode f = required(name, "text");
        if (!f.isTextual() || f.asText().isBlank()) {
            throw bad(name + " must be non-empty text, got " + f);
        }
        return f.asText();
    }

    /** Text, or null when left out. */
    String optionalText(String name) {
        return has(name) ? text(name) : null;
    }

    boolean optionalBool(String name) {
        if (!has(name)) {
            return false;
        }
        JsonNode f = field(name);
        if (!f.isBoolean()) {
            throw bad(name + " must be true or false, got " + f);
        }
        return f.booleanValue();
    }

    /** A list of text, required (it may be empty). */
    List<String> texts(String name) {
        JsonNode f = required(name, "a list of text");
        List<String> out = new ArrayList<>();
        if (f.isArray()) {
            for (JsonNode e : f) {
                if (!e.isTextual()) {
                    throw bad(name + " must be a list of text, got " + f);
                }
                out.add(e.asText());
            }
            return out;
        }
        throw bad(name + " must be a list of text, got " + f);
    }

    /** The whole body as {@code type} (for the lab's own structured messages); a mismatch is a 400. */
    <T> T as(Class<T> type) {
        try {
            return StateFile.JSON.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException e) {
            if (e.getCause() instanceof LabException refused) {
                throw refused; // the type's own check, already one clear line
            }
            throw bad("the request body does not fit: " + (e instanceof JacksonException j ? j.getOriginalMessage()
                    : e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private JsonNode field(String name) {
        return node.get(name);
    }

    private JsonNode required(String name, String what) {
        if (!has(name)) {
            throw bad("the request needs " + name + " (" + what + ")");
        }
        return field(name);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static LabException bad(String message) {
        return LabException.badInput(message);
    }
}
