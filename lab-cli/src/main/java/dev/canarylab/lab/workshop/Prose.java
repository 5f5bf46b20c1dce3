package dev.canarylab.lab.workshop;

import java.util.List;
import java.util.Locale;

/** Small pieces of the sentences {@code lab check} says. */
final class Prose {

    private Prose() {
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A ratio or value as a config file writes it: 5.0, 1.1, 500.0. */
    static String number(double v) {
        return Double.toString(v);
    }
}
