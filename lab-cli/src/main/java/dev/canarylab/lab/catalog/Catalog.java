package dev.canarylab.lab.catalog;

import dev.canarylab.lab.LabException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versions the lab can deploy ({@code lab.yaml}), and which one {@code lab up} starts as stable. */
public record Catalog(String stable, Map<String, VersionSpec> versions) {

    public Catalog {
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        if (!versions.containsKey(stable)) {
            throw LabException.badInput("the catalogue's stable version '" + stable + "' is not among its versions "
                    + names(versions));
        }
    }

    /** The version called {@code name}; an unknown name is bad input, with the known ones in the message. */
    public VersionSpec version(String name) {
        VersionSpec v = versions.get(name);
        if (v == null) {
            throw LabException.badInput("unknown version '" + name + "'; the catalogue has " + names(versions));
        }
        return v;
    }

    private static String names(Map<String, VersionSpec> versions) {
        return String.join(", ", List.copyOf(versions.keySet()));
    }

    /** The same catalogue with another version on the stable track at start-up. */
    public Catalog withStable(String name) {
        version(name);
        return new Catalog(name, versions);
    }
}
