package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routes, affinity and mirror set on the local runtime, in the order rules were first set; each change
 * compiles a fresh {@link RouteSet} for the router.
 */
final class RouteBook {

    private final Map<String, RouteRule> rules = new LinkedHashMap<>();
    private Affinity affinity;
    private Mirror mirror = Mirror.OFF;
    private RouteSet compiled = RouteSet.NONE;

    synchronized RouteSet set(RouteRule rule) {
        if (!rules.containsKey(rule.name()) && rules.size() >= RouteRule.MAX_RULES) {
            throw LabException.badInput("at most " + RouteRule.MAX_RULES + " routes at once; remove one first ('lab route"
                    + " remove NAME')");
        }
        rules.put(rule.name(), rule);
        return compile();
    }

    synchronized RouteSet remove(String name) {
        if (rules.remove(name) == null) {
            throw LabException.badInput("no route named '" + name + "'" + (rules.isEmpty() ? "; there are no routes"
                    : "; routes: " + String.join(", ", rules.keySet())));
        }
        return compile();
    }

    synchronized RouteSet affinity(Affinity next) {
        affinity = next;
        return compile();
    }

    synchronized RouteSet mirror(Mirror next) {
        mirror = next;
        return compile();
    }

    /** A promotion or rollback: the release's routes and mirror end; affinity, a setting of the lab, stays. */
    synchronized RouteSet endRelease() {
        rules.clear();
        mirror = Mirror.OFF;
        return compile();
    }

    synchronized RouteSet current() {
        return compiled;
    }

    private RouteSet compile() {
        compiled = RouteSet.of(new ArrayList<>(rules.values()), affinity, mirror);
        return compiled;
    }
}
