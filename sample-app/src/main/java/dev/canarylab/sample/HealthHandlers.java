package dev.canarylab.sample;

import io.javalin.http.Context;
import java.util.Map;

/** {@code /health/live} and {@code /health/ready}: never slowed or failed by the request faults. */
final class HealthHandlers {

    private final FaultInjection faults;
    private volatile boolean started;

    HealthHandlers(FaultInjection faults) {
        this.faults = faults;
    }

    void markStarted() {
        started = true;
    }

    void live(Context ctx) {
        if (faults.faults().unhealthy()) {
            ctx.status(503).json(Map.of("status", "DOWN", "reason", "unhealthy fault is on"));
        } else {
            ctx.json(Map.of("status", "UP"));
        }
    }

    void ready(Context ctx) {
        String reason = notReadyReason();
        if (reason != null) {
            ctx.status(503).json(Map.of("status", "DOWN", "reason", reason));
        } else {
            ctx.json(Map.of("status", "UP"));
        }
    }

    /** Why the instance should not get traffic yet, or null when it should. */
    String notReadyReason() {
        if (!started) {
            return "starting";
        }
        if (faults.faults().unready()) {
            return "unready fault is on";
        }
        if (faults.warmingUp()) {
            return "slow start in progress";
        }
        return null;
    }
}
