package dev.canarylab.lab.config;

import java.util.Optional;
import java.util.function.Function;

/** Reads an enum value by its label, listing the valid ones when it does not match. */
final class Enums {

    private Enums() {
    }

    static <T> T parse(Node node, Function<String, Optional<T>> lookup, String valid) {
        String text = node.text();
        return lookup.apply(text).orElseThrow(() -> node.error("'" + text + "' is not one of: " + valid));
    }
}
