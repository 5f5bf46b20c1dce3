package dev.canarylab.lab.runtime;

import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.metrics.MetricSource;

/**
 * Where the lab runs its versions: tracks of replicas behind a weighted router. The local runtime implements it
 * with child processes; a Kubernetes runtime would with Deployments and an ingress. Every change returns once it
 * is applied (traffic switched, processes asked to start or stop); readiness shows up in {@link #status()}.
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

    /** What the router saw, request by request (the local runtime; others may return empty windows). */
    Telemetry telemetry();

    /** Where analyses read this runtime's metrics: the router's telemetry locally, Prometheus on a cluster. */
    default MetricSource metricSource() {
        return new EmbeddedSource(telemetry());
    }

    /**
     * The bearer token this runtime's instances require on their admin API ({@code /admin/faults}), for the lab's
     * own fault controls; empty when the lab cannot reach its instances' admin API.
     */
    default java.util.Optional<String> instanceAdminToken() {
        return java.util.Optional.empty();
    }

    /** Stops everything; returns when no instance is left running. */
    @Override
    void close();
}
