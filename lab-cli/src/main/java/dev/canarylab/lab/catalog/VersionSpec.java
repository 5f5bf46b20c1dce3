package dev.canarylab.lab.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of the catalogue: its colour, the story a presenter tells about it, and either the sample-app fault
 * flags that make it what it is, or how to run and check a service of one's own.
 *
 * @param faults sample-app flags without the leading dashes, e.g. {@code latency -> 250ms}; empty for a service
 * @param service how to run the version when it is not sample-app, or null when it is sample-app
 */
public record VersionSpec(String name, String color, String story, Map<String, String> faults, ServiceSpec service) {

    public VersionSpec {
        faults = Map.copyOf(faults);
        if (service != null && !faults.isEmpty()) {
            throw new IllegalArgumentException("faults are sample-app's; " + name + " is a service");
        }
    }

    /** A sample-app version. */
    public VersionSpec(String name, String color, String story, Map<String, String> faults) {
        this(name, color, story, faults, null);
    }

    public boolean sampleApp() {
        return service == null;
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
