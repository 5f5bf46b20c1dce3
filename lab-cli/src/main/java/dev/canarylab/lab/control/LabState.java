package dev.canarylab.lab.control;

import java.time.Instant;
import java.util.Optional;

/**
 * What a running lab leaves in {@code .lab/state.json} for the commands that talk to it.
 *
 * @param token         the bearer token of the control API; the file is readable by its owner only
 * @param prometheusUrl the Prometheus analyses read from ({@code lab up --prometheus} or
 *                      {@code --prometheus-url}), or null when they read the router's telemetry; absent from
 *                      state files written before it existed
 * @param process       the start instant and command line of process {@code pid}, to tell the lab from a later
 *                      process that got the same pid; absent from state files written before it existed
 * @param runtime       local, k3s or kube, for the reports of the rollouts run on it; absent (null) from state
 *                      files written before it existed
 */
public record LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt,
        String prometheusUrl, LabProcess process, String runtime) {

    public LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt,
            String prometheusUrl, LabProcess process) {
        this(pid, controlUrl, routerUrl, token, startedAt, prometheusUrl, process, null);
    }

    /** A lab whose analyses read the router's own telemetry. */
    public LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt) {
        this(pid, controlUrl, routerUrl, token, startedAt, null, null, null);
    }

    public LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt,
            String prometheusUrl) {
        this(pid, controlUrl, routerUrl, token, startedAt, prometheusUrl, null, null);
    }

    /** The lab's process, if it is still running; empty when it exited, even if its pid now names another. */
    public Optional<ProcessHandle> liveProcess() {
        return LabProcess.find(pid, process);
    }
}
