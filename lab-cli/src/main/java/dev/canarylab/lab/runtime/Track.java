package dev.canarylab.lab.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.canarylab.lab.LabException;
import java.util.Locale;

/** The deployment tracks of a canary release, as in Argo Rollouts and Kayenta. */
public enum Track {
    /** The version users get; always deployed. */
    STABLE,
    /** A fresh copy of the stable version, started beside the canary so that both are equally warm. */
    BASELINE,
    /** The new version under test. */
    CANARY;

    /** The lower-case name used on the command line, in status output, in JSON and as a metric tag. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Track parse(String text) {
        for (Track t : values()) {
            if (t.label().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw LabException.badInput("unknown track '" + text + "'; expected stable, baseline or canary");
    }
}
