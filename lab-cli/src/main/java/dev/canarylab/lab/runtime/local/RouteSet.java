package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Track;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Predicate;

/**
 * The routes, affinity and mirror the router applies besides the weights, compiled once when they change and
 * swapped with the {@link RoutingTable}, so a request never tests a half-updated rule list.
 *
 * @param affinity null when off
 */
record RouteSet(List<Compiled> rules, Affinity affinity, Mirror mirror, List<RequestMatcher> mirrorMatch) {

    static final RouteSet NONE = new RouteSet(List.of(), null, Mirror.OFF, List.of());

    record Compiled(RouteRule rule, List<RequestMatcher> matchers) {
        Compiled(RouteRule rule) {
            this(rule, RequestMatcher.all(rule.match()));
        }
    }

    RouteSet {
        rules = List.copyOf(rules);
        mirrorMatch = List.copyOf(mirrorMatch);
    }

    static RouteSet of(List<RouteRule> rules, Affinity affinity, Mirror mirror) {
        return new RouteSet(rules.stream().map(Compiled::new).toList(), affinity, mirror,
                RequestMatcher.all(mirror.match()));
    }

    List<RouteRule> ruleList() {
        return rules.stream().map(Compiled::rule).toList();
    }

    /** The track of the first rule whose conditions all hold and whose track is deployed; null when none. */
    Track route(HttpServletRequest request, Predicate<Track> deployed) {
        for (Compiled c : rules) {
            if (deployed.test(c.rule().track()) && RequestMatcher.allMatch(c.matchers(), request)) {
                return c.rule().track();
            }
        }
        return null;
    }

    /** Whether one of stable's requests is copied, given a uniform draw in [0, 100). */
    boolean mirrors(HttpServletRequest request, int draw) {
        if (draw >= mirror.percent()) {
            return false;
        }
        String method = request.getMethod();
        // Only safe methods: a copy of a POST would repeat its side effects and need its body buffered.
        return ("GET".equals(method) || "HEAD".equals(method)) && RequestMatcher.allMatch(mirrorMatch, request);
    }
}
