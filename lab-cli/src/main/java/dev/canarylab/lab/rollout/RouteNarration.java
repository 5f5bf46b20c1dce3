package dev.canarylab.lab.rollout;

import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.runtime.RouteMatch;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** What header routes, mirroring and session affinity do, in sentences: "requests with `X-Beta: on` go to v2". */
final class RouteNarration {

    private RouteNarration() {
    }

    /**
     * "Requests with `X-Beta: on` go to v2; everyone else stays on v1 (like setHeaderRoute beta)." With a weight
     * set, everyone else follows it.
     *
     * @param to where the matching requests go: the new version, or "the baseline (a fresh v1)"
     */
    static String headerRoute(String name, List<RouteMatch> match, String to, String stable, String version,
            int weight) {
        return "Requests with " + describe(match) + " go to " + to + "; everyone else "
                + (weight == 0 ? "stays on " + stable : "follows the weights (" + weight + "% to " + version + ")")
                + " (like setHeaderRoute " + name + ").";
    }

    /** "Route beta removed: requests with `X-Beta: on` follow the weights again (0% to v2)." */
    static String headerRouteRemoved(String name, List<RouteMatch> match, String version, int weight) {
        return "Route " + name + " removed: requests with " + describe(match) + " follow the weights again ("
                + weight + "% to " + version + ").";
    }

    /** "v4 gets a copy of 50% of v1's requests; its answers go nowhere (like setMirrorRoute dark)." */
    static String mirror(String name, int percent, List<RouteMatch> match, String version, String stable,
            boolean baseline) {
        return version + " gets a copy of " + percent + "% of " + stable + "'s requests"
                + (match.isEmpty() ? "" : " with " + describe(match))
                + (baseline ? ", and the baseline the same copies" : "") + "; " + (baseline ? "their" : "its")
                + " answers go nowhere (like setMirrorRoute " + name + ").";
    }

    /** "Mirroring stopped: v4 gets no more copies of v1's requests." */
    static String mirrorRemoved(String version, String stable) {
        return "Mirroring stopped: " + version + " gets no more copies of " + stable + "'s requests.";
    }

    /** "Session affinity: cookie lab-track keeps each client on the version that first served it, for 1h." */
    static String affinity(String cookie, Duration maxAge) {
        return "Session affinity: cookie " + cookie + " keeps each client on the version that first served it, for "
                + Durations.format(maxAge) + " (like Flagger's sessionAffinity).";
    }

    /** "Routes removed: header route beta, mirroring, session affinity." */
    static String cleared(List<String> what) {
        return "Routes removed: " + String.join(", ", what) + ".";
    }

    /** "`X-Beta: on`", "`X-Beta` starting with `b`", "cookie `beta` matching `^1$`", joined with "and". */
    static String describe(List<RouteMatch> match) {
        return match.stream().map(RouteNarration::describe).collect(Collectors.joining(" and "));
    }

    private static String describe(RouteMatch m) {
        boolean header = m.source() == RouteMatch.Source.HEADER;
        String what = header ? "" : "cookie ";
        return switch (m.mode()) {
            case EXACT -> what + (header ? "`" + m.name() + ": " + m.value() + "`" : "`" + m.name() + "=" + m.value() + "`");
            case PREFIX -> what + "`" + m.name() + "` starting with `" + m.value() + "`";
            case REGEX -> what + "`" + m.name() + "` matching `" + m.value() + "`";
        };
    }
}
