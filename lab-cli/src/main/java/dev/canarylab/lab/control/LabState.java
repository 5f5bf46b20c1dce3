package dev.canarylab.lab.control;

import java.time.Instant;

/**
 * What a running lab leaves in {@code .lab/state.json} for the commands that talk to it.
 *
 * @param token         the bearer token of the control API; the file is readable by its owner only
 * @param prometheusUrl the Prometheus analyses read from ({@code lab up --prometheus} or
 *                      {@code --prometheus-url}), or null when they read the router's telemetry; absent from
 *                      state files written before it existed
 */
public record LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt,
        String prometheusUrl) {

    /** A lab whose analyses read the router's own telemetry. */
    public LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt) {
        this(pid, controlUrl, routerUrl, token, startedAt, null);
    }
}
