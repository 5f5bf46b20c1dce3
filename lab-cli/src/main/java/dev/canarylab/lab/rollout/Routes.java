package dev.canarylab.lab.rollout;

import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.Track;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes a rollout's steps set (Argo's managed routes: header routes and the mirror) and its session affinity.
 * It knows what it set, so that whatever ends the rollout (promotion, rollback, abort, Ctrl-C) removes exactly that
 * and traffic is back to weights alone.
 */
final class Routes {

    private final RolloutContext ctx;
    private final Map<String, Strategy.Step.SetHeaderRoute> headerRoutes = new LinkedHashMap<>();
    private String mirrorName;
    private boolean affinity;

    Routes(RolloutContext ctx) {
        this.ctx = ctx;
    }

    /** Turns on the strategy's session affinity, if it has one, before any weight. */
    void startAffinity() {
        Strategy.SessionAffinity a = ctx.strategy.affinity();
        if (a == null) {
            return;
        }
        ctx.runtime.setAffinity(new Affinity(a.cookieName(), a.maxAge().toSeconds()));
        affinity = true;
        ctx.emit(EventType.ROUTE, RouteNarration.affinity(a.cookieName(), a.maxAge()));
    }

    void apply(Strategy.Step.SetHeaderRoute step) {
        if (step.removes()) {
            Strategy.Step.SetHeaderRoute set = headerRoutes.remove(step.name());
            ctx.runtime.removeRoute(step.name());
            ctx.emit(EventType.ROUTE, RouteNarration.headerRouteRemoved(step.name(), set.match(), ctx.version,
                    ctx.weight));
            return;
        }
        ctx.runtime.setRoute(new RouteRule(step.name(), step.match(), step.track()));
        headerRoutes.put(step.name(), step);
        String to = step.track() == Track.CANARY ? ctx.version : "the baseline (a fresh " + ctx.stableVersion + ")";
        ctx.emit(EventType.ROUTE, RouteNarration.headerRoute(step.name(), step.match(), to, ctx.stableVersion,
                ctx.version, ctx.weight));
    }

    void apply(Strategy.Step.SetMirrorRoute step) {
        if (step.removes()) {
            ctx.runtime.setMirror(Mirror.OFF);
            mirrorName = null;
            ctx.emit(EventType.ROUTE, RouteNarration.mirrorRemoved(ctx.version, ctx.stableVersion));
            return;
        }
        ctx.runtime.setMirror(new Mirror(step.percentage(), step.match()));
        mirrorName = step.name();
        ctx.emit(EventType.ROUTE, RouteNarration.mirror(step.name(), step.percentage(), step.match(), ctx.version,
                ctx.stableVersion, ctx.strategy.baseline()));
    }

    /** True while a header route or the mirror is on: the canary gets requests whatever its weight. */
    boolean any() {
        return !headerRoutes.isEmpty() || mirrorName != null;
    }

    /**
     * Removes every route the steps set and ends the affinity, each on its own so that one failure does not leave
     * the others behind; a failure is told as a failed restore. Called before promotion and rollback.
     */
    void clear() {
        if (headerRoutes.isEmpty() && mirrorName == null && !affinity) {
            return;
        }
        // What is still there: a promotion from outside (lab promote) has removed the routes already.
        Routing now = routing();
        List<String> removed = new ArrayList<>();
        for (String name : List.copyOf(headerRoutes.keySet())) {
            if ((now == null || now.rules().stream().anyMatch(r -> r.name().equals(name)))
                    && attempt(() -> ctx.runtime.removeRoute(name))) {
                removed.add("header route " + name);
            }
            headerRoutes.remove(name);
        }
        if (mirrorName != null) {
            if ((now == null || now.mirror().on()) && attempt(() -> ctx.runtime.setMirror(Mirror.OFF))) {
                removed.add("mirroring");
            }
            mirrorName = null;
        }
        if (affinity) {
            if ((now == null || now.affinity() != null) && attempt(ctx.runtime::clearAffinity)) {
                removed.add("session affinity");
            }
            affinity = false;
        }
        if (!removed.isEmpty()) {
            ctx.emit(EventType.ROUTE, RouteNarration.cleared(removed));
        }
    }

    private Routing routing() {
        try {
            return ctx.runtime.status().routing();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean attempt(Runnable change) {
        try {
            change.run();
            return true;
        } catch (RuntimeException e) {
            ctx.emit(EventType.RESTORE_FAILED, Narration.restoreFailed(e.getMessage()));
            return false;
        }
    }
}
