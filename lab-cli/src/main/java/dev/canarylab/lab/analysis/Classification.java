package dev.canarylab.lab.analysis;

/** The outcome for one metric. */
public enum Classification {
    PASS,
    HIGH,
    LOW,
    NODATA,
    INCONCLUSIVE,
    ERROR;

    public boolean isFailure() {
        return this == HIGH || this == LOW;
    }
}
