package dev.canarylab.lab.runtime;

import java.util.List;

/**
 * How the router routes besides the weights, as {@code lab status} shows it.
 *
 * @param rules the header and cookie routes, in the order they are tried
 * @param affinity the session affinity, or null when off
 * @param mirror the mirroring, {@link Mirror#OFF} when off
 * @param mirrored copies sent to the canary or baseline since the lab started (answered or not)
 * @param dropped copies not sent: the queue was full, or no canary instance was ready
 */
public record Routing(List<RouteRule> rules, Affinity affinity, Mirror mirror, long mirrored, long dropped) {

    public static final Routing NONE = new Routing(List.of(), null, Mirror.OFF, 0, 0);

    public Routing {
        rules = rules == null ? List.of() : List.copyOf(rules);
        mirror = mirror == null ? Mirror.OFF : mirror;
    }
}
