package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/** Which samples a look judges: all since the start (growing) or only the most recent window (sliding). */
public enum Lookback {
    GROWING("growing"),
    SLIDING("sliding");

    private final String label;

    Lookback(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Lookback> fromLabel(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst();
    }
}
