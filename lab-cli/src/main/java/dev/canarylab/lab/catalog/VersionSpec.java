package dev.canarylab.lab.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of the catalogue: a sample-app version, its colour, the story a presenter tells about it, and the
 * sample-app fault flags that make it what it is.
 *
 * @param faults sample-app flags without the leading dashes, e.g. {@code latency -> 250ms}
 */
public record VersionSpec(String name, String color, String story, Map<String, String> faults) {

    public VersionSpec {
        faults = Map.copyOf(faults);
    }

    /** The sample-app arguments for the faults, in a stable order. */
    public List<String> faultArgs() {
        List<String> args = new ArrayList<>();
        faults.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            args.add("--" + e.getKey());
            args.add(e.getValue());
        });
        return args;
    }
}
