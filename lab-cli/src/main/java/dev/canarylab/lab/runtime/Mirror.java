package dev.canarylab.lab.runtime;

import dev.canarylab.lab.LabException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Traffic mirroring, a dark launch (Argo Rollouts' {@code setMirrorRoute}, Flagger's {@code mirror}): of the
 * requests stable serves (and that meet every condition of {@code match}, when given), {@code percent} are copied
 * to the canary, and to the baseline as well when one is deployed, so that both answer the same requests. The
 * client gets stable's answer; the copies are sent afterwards, their answers discarded, and their outcome recorded
 * in the telemetry tagged as mirrored ({@link Telemetry.Origin#MIRROR}).
 *
 * @param percent 0 (off) to 100
 * @param match conditions a request must meet to be mirrored; empty for all of stable's requests
 */
public record Mirror(int percent, List<RouteMatch> match) {

    public static final Mirror OFF = new Mirror(0, List.of());

    public Mirror {
        if (percent < 0 || percent > 100) {
            throw LabException.badInput("the mirrored share is 0 to 100 percent of stable's requests, got " + percent);
        }
        match = match == null ? List.of() : List.copyOf(match);
        if (match.size() > RouteRule.MAX_MATCHES) {
            throw LabException.badInput("a mirror takes at most " + RouteRule.MAX_MATCHES + " match conditions, got "
                    + match.size());
        }
    }

    public static Mirror percent(int percent) {
        return new Mirror(percent, List.of());
    }

    public boolean on() {
        return percent > 0;
    }

    public String describe() {
        if (!on()) {
            return "off";
        }
        return percent + "% of stable's requests" + (match.isEmpty() ? ""
                : " with " + match.stream().map(RouteMatch::describe).collect(Collectors.joining(" and ")));
    }
}
