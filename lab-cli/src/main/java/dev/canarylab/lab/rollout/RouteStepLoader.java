package dev.canarylab.lab.rollout;

import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Node;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the routing parts of a canary strategy: Argo's setHeaderRoute and setMirrorRoute steps and Flagger's
 * sessionAffinity. Keeps track of the routes the steps set so far, so that a step that removes or changes a
 * route is checked against what is there.
 */
final class RouteStepLoader {

    private static final Pattern ROUTE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Route name to the kind of step that set it. */
    private final Map<String, String> routes = new HashMap<>();

    /**
     * {@code setHeaderRoute: {name, match: [{headerName, headerValue: {exact|prefix|regex}}], track}}; no match
     * removes. {@code track: baseline} (a lab extension) needs a baseline.
     */
    Strategy.Step.SetHeaderRoute headerRoute(Node n, boolean baseline) {
        n.requireObject();
        n.allowOnly(Set.of("name", "match", "track"));
        String name = name(n, "setHeaderRoute");
        List<RouteMatch> match = n.has("match") ? matches(n.get("match")) : List.of();
        Track track = Track.CANARY;
        if (n.has("track")) {
            String t = n.get("track").text();
            if (t.equals("baseline") && baseline) {
                track = Track.BASELINE;
            } else if (!t.equals("canary")) {
                throw n.get("track").error(t.equals("baseline") ? "baseline needs baseline: true"
                        : "must be canary or baseline");
            }
        }
        track(n, name, "setHeaderRoute", match.isEmpty());
        return new Strategy.Step.SetHeaderRoute(name, match, track);
    }

    /** {@code setMirrorRoute: {name, percentage, match}}; a name alone removes the route. */
    Strategy.Step.SetMirrorRoute mirrorRoute(Node n) {
        n.requireObject();
        n.allowOnly(Set.of("name", "percentage", "match"));
        String name = name(n, "setMirrorRoute");
        boolean removes = !n.has("percentage") && !n.has("match");
        int percentage = 0;
        if (!removes) {
            double p = n.has("percentage") ? n.get("percentage").number() : 100;
            if (p != Math.rint(p) || p < 1 || p > 100) {
                throw n.get("percentage").error("must be a whole percentage between 1 and 100 (a name alone removes"
                        + " the route)");
            }
            percentage = (int) p;
        }
        List<RouteMatch> match = n.has("match") ? matches(n.get("match")) : List.of();
        track(n, name, "setMirrorRoute", removes);
        return new Strategy.Step.SetMirrorRoute(name, percentage, match);
    }

    /** {@code sessionAffinity: {cookieName, maxAge}}. */
    static Strategy.SessionAffinity affinity(Node n) {
        n.requireObject();
        n.allowOnly(Set.of("cookieName", "maxAge"));
        if (!n.has("cookieName")) {
            throw n.error("needs a cookieName");
        }
        String cookie = n.get("cookieName").text();
        if (!HEADER_NAME.matcher(cookie).matches()) {
            throw n.get("cookieName").error("must be a cookie name (letters, digits and !#$%&'*+.^_`|~-)");
        }
        Duration maxAge = ConfigLoader.duration(n, "maxAge", Duration.ofDays(1));
        if (maxAge.toSeconds() < 1) {
            throw n.get("maxAge").error("must be at least 1s");
        }
        return new Strategy.SessionAffinity(cookie, maxAge);
    }

    private static String name(Node n, String step) {
        if (!n.has("name")) {
            throw n.error("needs a name (" + step + " changes or removes the route by its name)");
        }
        String name = n.get("name").text();
        if (!ROUTE_NAME.matcher(name).matches()) {
            throw n.get("name").error("must be 1 to 40 lower-case letters, digits and '-', got '" + name + "'");
        }
        return name;
    }

    private void track(Node n, String name, String step, boolean removes) {
        String setBy = routes.get(name);
        if (!removes && step.equals("setMirrorRoute") && setBy == null && routes.containsValue(step)) {
            throw n.get("name").error("'" + name + "': the router mirrors to one route at a time; remove the earlier"
                    + " setMirrorRoute first, or give this one the same name to change it");
        }
        if (setBy != null && !setBy.equals(step)) {
            throw n.get("name").error("'" + name + "' is a " + setBy + " route; " + step + " needs another name");
        }
        if (removes) {
            if (setBy == null) {
                throw n.error("removes route '" + name + "', which no earlier step sets");
            }
            routes.remove(name);
        } else {
            routes.put(name, step);
        }
    }

    private static List<RouteMatch> matches(Node list) {
        List<RouteMatch> out = new ArrayList<>();
        for (Node m : list.elements()) {
            out.add(match(m));
        }
        if (out.isEmpty()) {
            throw list.error("must list at least one condition (leave match out to remove the route)");
        }
        if (out.size() > RouteRule.MAX_MATCHES) {
            throw list.error("has " + out.size() + " conditions; the router takes at most " + RouteRule.MAX_MATCHES);
        }
        return out;
    }

    private static RouteMatch match(Node m) {
        m.requireObject();
        m.allowOnly(Set.of("headerName", "headerValue", "cookieName", "cookieValue"));
        boolean header = m.has("headerName");
        if (header == m.has("cookieName")) {
            throw m.error("needs one of headerName (with headerValue) or cookieName (with cookieValue)");
        }
        String nameKey = header ? "headerName" : "cookieName";
        String valueKey = header ? "headerValue" : "cookieValue";
        if (m.has(header ? "cookieValue" : "headerValue")) {
            throw m.get(header ? "cookieValue" : "headerValue").error("goes with " + (header ? "cookieName"
                    : "headerName") + "; use " + valueKey);
        }
        String name = m.get(nameKey).text();
        if (!HEADER_NAME.matcher(name).matches()) {
            throw m.get(nameKey).error("must be a " + (header ? "header" : "cookie") + " name, got '" + name + "'");
        }
        if (!m.has(valueKey)) {
            throw m.error("needs " + valueKey + " ({exact: ...}, {prefix: ...} or {regex: ...})");
        }
        Node v = m.get(valueKey).requireObject();
        v.allowOnly(Set.of("exact", "prefix", "regex"));
        if (v.raw().size() != 1) {
            throw v.error("must have exactly one of exact, prefix, regex");
        }
        for (RouteMatch.Mode mode : RouteMatch.Mode.values()) {
            if (v.has(mode.label())) {
                Node value = v.get(mode.label());
                if (mode == RouteMatch.Mode.REGEX) {
                    try {
                        Pattern.compile(value.text());
                    } catch (PatternSyntaxException e) {
                        throw value.error("is not a regular expression (" + e.getDescription() + ")");
                    }
                }
                try {
                    return new RouteMatch(header ? RouteMatch.Source.HEADER : RouteMatch.Source.COOKIE, name, mode,
                            value.text());
                } catch (LabException e) {
                    throw value.error("is refused: " + e.getMessage());
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
