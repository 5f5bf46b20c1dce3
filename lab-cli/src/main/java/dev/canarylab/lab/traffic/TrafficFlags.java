package dev.canarylab.lab.traffic;

import dev.canarylab.lab.LabException;
import dev.canarylab.traffic.TrafficGen;
import java.util.List;

/**
 * {@code lab traffic start}'s flags, read by traffic-gen's own parser in the lab's process: a bad flag (a share
 * above 1, a cookie without a value, a think time with one request per user...) is bad input at once, lab or no lab,
 * in traffic-gen's words, rather than a child process that exits.
 */
public final class TrafficFlags {

    private TrafficFlags() {
    }

    /** Refuses flags traffic-gen would refuse (exit 2), and {@code --target}, which is always the lab's router. */
    public static List<String> check(List<String> flags) {
        for (String f : flags) {
            if (f.equals("--target") || f.startsWith("--target=")) {
                throw LabException.badInput("lab traffic always targets the lab's router; leave out --target");
            }
        }
        String problem = TrafficGen.problem(flags);
        if (problem != null) {
            throw LabException.badInput("traffic-gen: " + problem);
        }
        return flags;
    }
}
