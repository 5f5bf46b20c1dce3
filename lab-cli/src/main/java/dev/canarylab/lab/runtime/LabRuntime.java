package dev.canarylab.lab.runtime;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the lab runs its versions: tracks of replicas behind a weighted router. The local runtime implements it
 * with child processes; the Kubernetes runtime with Deployments and a weighted ingress. Every change returns once it
 * is applied (traffic switched, processes asked to start or stop); readiness shows up in {@link #status()}, and
 * {@link #awaitReady} waits for it, so no caller needs to know which runtime it drives.
 */
public interface LabRuntime extends AutoCloseable {

    /** Runs {@code version} on {@code track} with {@code replicas} replicas, replacing what ran there; 0 removes the track. */
    void deploy(String version, Track track, int replicas);

    /**
     * Sends {@code percent} of the traffic to the canary, and as much to the baseline when one is deployed; the
     * stable track gets the rest.
     */
    void setWeight(int percent);

    /** The canary's version becomes stable and gets all the traffic; canary and baseline are removed. */
    void promote();

    /** All traffic to stable at once, then canary and baseline removed. */
    void rollback();

    RuntimeStatus status();

    /**
     * Adds a header or cookie route, tried before the weights, or replaces the one of the same name (keeping its
     * place). Promotion and rollback remove every route, as Argo Rollouts removes its managed routes.
     */
    default void setRoute(RouteRule rule) {
        throw RuntimeRules.unsupported("header and cookie routes");
    }

    /** Removes the route named {@code name}; an unknown name is bad input. */
    default void removeRoute(String name) {
        throw RuntimeRules.unsupported("header and cookie routes");
    }

    /** Pins each client to the track that first served it (see {@link Affinity}); replaces any earlier setting. */
    default void setAffinity(Affinity affinity) {
        throw RuntimeRules.unsupported("session affinity");
    }

    /** Ends session affinity: weighted requests follow the weights again, whatever their cookie says. */
    default void clearAffinity() {
        throw RuntimeRules.unsupported("session affinity");
    }

    /**
     * Mirrors a share of stable's requests to the canary (and baseline), {@link Mirror#OFF} to stop. Promotion and
     * rollback stop mirroring.
     */
    default void setMirror(Mirror mirror) {
        throw RuntimeRules.unsupported("mirroring");
    }

    /**
     * Waits until every replica of {@code track} is ready, as {@code kubectl rollout status} does; returns at once
     * when the track is not deployed. A failed instance (crash loop) or the timeout is a {@code NOT_READY} error
     * that names the instances not ready. This default polls {@link #status()}; a runtime that can watch overrides it.
     */
    default void awaitReady(Track track, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TrackStatus t = status().track(track);
            if (t == null || t.ready() >= t.desired()) {
                return;
            }
            boolean failed = RuntimeRules.failed(t);
            if (failed || System.nanoTime() > deadline) {
                throw RuntimeRules.notReady(track, t, failed, timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException(ExitCodes.NOT_READY, "interrupted while waiting for " + track.label());
            }
        }
    }

    /** What the router saw, request by request (the local runtime; others may return empty windows). */
    Telemetry telemetry();

    /** Where analyses read this runtime's metrics: the router's telemetry locally, Prometheus on a cluster. */
    MetricSource metricSource();

    /**
     * The bearer token this runtime's instances require on their admin API ({@code /admin/faults}), for the lab's
     * own fault controls; empty when the lab cannot reach its instances' admin API.
     */
    default Optional<String> instanceAdminToken() {
        return Optional.empty();
    }

    /** Audience mode's address and phones per version; empty when it is off or the runtime has none. */
    default Optional<AudienceStatus> audience() {
        return Optional.empty();
    }

    /** Stops everything; returns when no instance is left running. */
    @Override
    void close();
}
