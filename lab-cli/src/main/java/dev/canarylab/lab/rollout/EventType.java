package dev.canarylab.lab.rollout;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a rollout tells: one vocabulary for the narrator, the reports, the dashboard and webhooks (like Flagger's
 * HookType). Its {@link #id} is how it is written in JSON and in webhook bodies, and how a strategy names the
 * events a webhook subscribes to.
 */
public enum EventType {
    START("start", true, false, false),
    DEPLOY("deploy", false, false, false),
    PREVIEW("preview", false, false, false),
    STEP("step", true, true, false),
    WEIGHT("weight", false, true, false),
    /** A header route, the mirror or session affinity set or removed. */
    ROUTE("route", false, true, false),
    PAUSE("pause", false, false, false),
    ANALYSIS("analysis", true, true, false),
    VERDICT("verdict", true, true, true),
    PROMOTION("promotion", true, true, true),
    ROLLBACK("rollback", true, true, true),
    /** Traffic could not be restored to stable: written, marked and sent as a rollback, but it does not end the rollout. */
    RESTORE_FAILED("rollback", true, true, true),
    ABORT("abort", true, true, true),
    /** A shadow judge (Kayenta, Flagger, Argo) disagrees with the lab at a look: told, never sent or marked. */
    SHADOW("shadow", false, false, false),
    /** A webhook's own warning; never sent to webhooks, or a failing hook would feed itself. */
    WEBHOOK("webhook", false, false, false);

    private final String id;
    private final boolean subscribable;
    private final boolean marked;
    private final boolean decision;

    EventType(String id, boolean subscribable, boolean marked, boolean decision) {
        this.id = id;
        this.subscribable = subscribable;
        this.marked = marked;
        this.decision = decision;
    }

    /** The name in serialised output: "start", "verdict", ... */
    public String id() {
        return id;
    }

    /** A webhook may subscribe to it. */
    public boolean subscribable() {
        return subscribable;
    }

    /** The HTML report marks it on the charts. */
    public boolean marked() {
        return marked;
    }

    /** A decision: a verdict, or the end of the rollout (the report draws it stronger). */
    public boolean decision() {
        return decision;
    }

    /** The rollout's last event: promoted, rolled back or aborted. */
    public boolean ends() {
        return this == PROMOTION || this == ROLLBACK || this == ABORT;
    }

    /** The type written as {@code id}, or null when there is none. */
    public static EventType parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst().orElse(null);
    }

    /** The ids a webhook may subscribe to, sorted. */
    public static Set<String> subscribableIds() {
        return Arrays.stream(values()).filter(EventType::subscribable).map(EventType::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
