package dev.canarylab.lab.runtime;

import dev.canarylab.lab.LabException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A named route, applied before the weights: a request that meets every condition of {@code match} goes to
 * {@code track}, whatever the weights (Argo Rollouts' {@code setHeaderRoute}, Flagger's A/B {@code match}). Rules
 * are tried in the order they were first set; the first that matches wins. A rule whose track is not deployed is
 * skipped; a rule's track with no ready instance falls back to stable, as weighted requests do.
 *
 * @param name how the rule is replaced or removed, e.g. {@code beta-users}
 * @param match conditions that must all hold (at least one)
 */
public record RouteRule(String name, List<RouteMatch> match, Track track) {

    /** Most conditions in one rule, and most rules at once: enough for any A/B test, cheap for every request. */
    public static final int MAX_MATCHES = 8;
    public static final int MAX_RULES = 16;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    public RouteRule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LabException.badInput("a route name is 1 to 40 lower-case letters, digits and '-', got '" + name + "'");
        }
        if (match == null || match.isEmpty() || match.size() > MAX_MATCHES) {
            throw LabException.badInput("route " + name + " needs 1 to " + MAX_MATCHES + " match conditions, got "
                    + (match == null ? 0 : match.size()));
        }
        if (track == null) {
            throw LabException.badInput("route " + name + " needs a track: stable, baseline or canary");
        }
        match = List.copyOf(match);
    }

    /** As status shows it: {@code beta-users: header X-Beta = on -> canary}. */
    public String describe() {
        return name + ": " + match.stream().map(RouteMatch::describe).collect(Collectors.joining(" and ")) + " -> "
                + track.label();
    }
}
