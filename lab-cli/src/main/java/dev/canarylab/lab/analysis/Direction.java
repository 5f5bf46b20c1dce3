package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.Optional;

/** Which change of a metric is a regression. */
public enum Direction {
    INCREASE("increase"),
    DECREASE("decrease"),
    EITHER("either");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean watchesIncrease() {
        return this != DECREASE;
    }

    public boolean watchesDecrease() {
        return this != INCREASE;
    }

    public static Optional<Direction> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
