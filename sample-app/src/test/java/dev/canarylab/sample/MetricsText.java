package dev.canarylab.sample;

import java.util.Arrays;

/** Reads single values out of Prometheus text exposition, for assertions. */
final class MetricsText {

    private MetricsText() {
    }

    /** The value of the one sample whose line starts with {@code name} and contains every given label pair. */
    static double value(String exposition, String name, String... labels) {
        return exposition.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one sample of " + name + " with " + Arrays.toString(labels));
                })
                .orElseThrow(() -> new AssertionError("no sample of " + name + " with " + Arrays.toString(labels)));
    }
}
