package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/** What to do with NaN samples (a scrape that failed, a division by zero in a query). */
public enum NanStrategy {
    REMOVE("remove"),
    REPLACE("replace");

    private final String label;

    NanStrategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<NanStrategy> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
