package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header and cookie routes, session affinity and mirror set on a cluster, and the Traefik objects they
 * become: IngressRoute rules between the previews and the entry route, a sticky cookie on the weighted split, and
 * a mirroring TraefikService in front of stable. Changed only under {@link DesiredTracks}' lock.
 */
final class TraefikRoutes {

    /** Header routes count down from here, in the order they were first set; a mirror's match comes after them. */
    static final int FIRST_ROUTE_PRIORITY = Manifests.PREVIEW_PRIORITY - 10;
    static final int MIRROR_MATCH_PRIORITY = FIRST_ROUTE_PRIORITY - RouteRule.MAX_RULES - 1;

    /** What to apply, in this order (what is referenced before what refers to it), then the TraefikServices to delete. */
    record Plan(List<HasMetadata> apply, List<String> delete) {
    }

    private final Map<String, RouteRule> rules = new LinkedHashMap<>();
    private Affinity affinity;
    private Mirror mirror = Mirror.OFF;

    void set(RouteRule rule) {
        TraefikRules.rule(rule.match()); // refuses what Traefik cannot express before anything is applied
        if (!rules.containsKey(rule.name()) && rules.size() >= RouteRule.MAX_RULES) {
            throw LabException.badInput("at most " + RouteRule.MAX_RULES + " routes at once; remove one first ('lab route"
                    + " remove NAME')");
        }
        rules.put(rule.name(), rule);
    }

    void remove(String name) {
        if (rules.remove(name) == null) {
            throw LabException.badInput("no route named '" + name + "'" + (rules.isEmpty() ? "; there are no routes"
                    : "; routes: " + String.join(", ", rules.keySet())));
        }
    }

    void affinity(Affinity next) {
        affinity = next;
    }

    void mirror(Mirror next) {
        if (!next.match().isEmpty()) {
            TraefikRules.rule(next.match());
        }
        mirror = next;
    }

    /** A promotion or rollback: the release's routes and mirror end; affinity, a setting of the lab, stays. */
    void endRelease() {
        rules.clear();
        mirror = Mirror.OFF;
    }

    /** Mirrored and dropped copies are not counted on a cluster: Traefik does not report them per service. */
    Routing status() {
        return new Routing(List.copyOf(rules.values()), affinity, mirror, 0, 0);
    }

    Plan plan(Manifests manifests, Map<Track, Integer> weights, List<Track> deployed) {
        List<Track> mirrorTo = !mirror.on() ? List.of()
                : deployed.stream().filter(t -> t == Track.CANARY || t == Track.BASELINE).toList();
        boolean mirroring = !mirrorTo.isEmpty();
        boolean matched = mirroring && !mirror.match().isEmpty();
        List<HasMetadata> apply = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        if (mirroring) {
            apply.add(manifests.mirror(mirrorTo, mirror.percent()));
        } else {
            delete.add(Manifests.MIRROR);
        }
        if (matched) {
            apply.add(manifests.split(Manifests.MIRRORED_SPLIT, weights, affinity, true));
        } else {
            delete.add(0, Manifests.MIRRORED_SPLIT);
        }
        apply.add(manifests.split(Manifests.APP, weights, affinity, mirroring && !matched));
        List<IngressRoute.Route> extra = new ArrayList<>();
        int priority = FIRST_ROUTE_PRIORITY;
        for (RouteRule r : rules.values()) {
            if (deployed.contains(r.track())) { // a route to a removed track would answer 503
                extra.add(new IngressRoute.Route(TraefikRules.rule(r.match()), "Rule", priority, List.of(
                        new IngressRoute.ServiceRef(Manifests.trackName(r.track()), Manifests.PORT, null))));
            }
            priority--;
        }
        if (matched) {
            extra.add(new IngressRoute.Route(TraefikRules.rule(mirror.match()), "Rule", MIRROR_MATCH_PRIORITY, List.of(
                    new IngressRoute.ServiceRef(Manifests.MIRRORED_SPLIT, null, "TraefikService"))));
        }
        apply.add(manifests.entry(deployed, extra));
        return new Plan(apply, delete);
    }
}
