package dev.canarylab.lab.report;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.runtime.Track;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON has no infinities, so the report writes them as null like NaN; but an open interval ("1.2x-inf") or
 * "no critical limit" is not "no value". This lists where the infinite values were, as JSON pointers, so that
 * {@link RolloutJson#read} can put them back. The JSON fields carry the names of the record components (a
 * judgement's {@code results} are its {@code metrics}), which lets one walk over the records find them all.
 */
final class RolloutInfinities {

    private RolloutInfinities() {
    }

    /** Pointer to "Infinity" or "-Infinity", for every infinite double in the record. */
    static Map<String, String> of(Object record) {
        Map<String, String> out = new TreeMap<>();
        walk(record, "", out);
        return out;
    }

    private static void walk(Object value, String path, Map<String, String> out) {
        if (value instanceof Double d) {
            if (d.isInfinite()) {
                out.put(path, d > 0 ? "Infinity" : "-Infinity");
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "/" + i, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "/" + escape(k instanceof Track t ? t.label() : k.toString()),
                    out));
        } else if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                String name = r instanceof Judgement && c.getName().equals("results") ? "metrics" : c.getName();
                try {
                    walk(c.getAccessor().invoke(r), path + "/" + escape(name), out);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Writes the infinities back into a parsed report; a pointer that leads nowhere is bad input. */
    static void restore(JsonNode root, JsonNode infinities) {
        if (infinities == null || infinities.isNull()) {
            return;
        }
        infinities.fields().forEachRemaining(e -> {
            JsonPointer pointer = JsonPointer.compile(e.getKey());
            JsonNode parent = root.at(pointer.head());
            String sign = e.getValue().asText();
            if (!(parent instanceof ObjectNode o) || !o.has(pointer.last().getMatchingProperty())
                    || !(sign.equals("Infinity") || sign.equals("-Infinity"))) {
                throw new IllegalArgumentException("\"infinities\": no number at " + e.getKey());
            }
            o.put(pointer.last().getMatchingProperty(), sign.equals("Infinity") ? Double.POSITIVE_INFINITY
                    : Double.NEGATIVE_INFINITY);
        });
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
