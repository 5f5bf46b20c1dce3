package dev.canarylab.lab.runtime.local;

import java.util.Locale;
import java.util.Set;

/**
 * The paths of an instance that belong to its operators, not its users: {@code /admin/*} changes faults and can
 * crash it, {@code /metrics} and {@code /version} show its internals (the fault seed among them). The router
 * refuses them for every method and track; the lab reaches them on the instances' own loopback ports.
 */
final class OperatorPaths {

    private static final Set<String> FIRST_SEGMENTS = Set.of("admin", "metrics", "version");

    private OperatorPaths() {
    }

    /**
     * Whether {@code path}, decoded and with its dot segments resolved (as the servlet container hands it over),
     * names an operator endpoint. Stricter than the instance's own routing on purpose: empty segments, path
     * parameters ({@code ;x=1}) and case are ignored, so no spelling of {@code /admin} gets through; a path that still
     * has a {@code ..} segment is refused too.
     */
    static boolean matches(String path) {
        if (path == null) {
            return false;
        }
        for (String segment : path.split("/")) {
            int params = segment.indexOf(';');
            String name = (params < 0 ? segment : segment.substring(0, params)).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            return name.equals("..") || FIRST_SEGMENTS.contains(name); // a path that still climbs is nobody's
        }
        return false;
    }
}
