package dev.canarylab.lab.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One replica.
 *
 * @param pid the current process, or 0 while none runs
 * @param port its loopback port, or 0 while none runs
 * @param lastExit how the previous process ended ("exit 1 after 20 s"), or empty
 * @param lastOutput the last lines a failed or crash-looping service wrote (its log), or empty
 */
public record InstanceStatus(String id, Phase phase, boolean ready, int restarts, long pid, int port,
        Instant since, String lastExit, List<String> lastOutput) {

    public InstanceStatus {
        lastOutput = lastOutput == null ? List.of() : List.copyOf(lastOutput);
    }

    public InstanceStatus(String id, Phase phase, boolean ready, int restarts, long pid, int port, Instant since,
            String lastExit) {
        this(id, phase, ready, restarts, pid, port, since, lastExit, List.of());
    }

    /** The life cycle of a replica, named as kubectl shows pods. */
    public enum Phase {
        STARTING("ContainerCreating", false),
        RUNNING("Running", false),
        CRASH_LOOP("CrashLoopBackOff", true),
        FAILED("Error", true),
        TERMINATING("Terminating", false);

        private final String display;
        private final boolean degraded;

        Phase(String display, boolean degraded) {
            this.display = display;
            this.degraded = degraded;
        }

        public String display() {
            return display;
        }

        public boolean degraded() {
            return degraded;
        }
    }
}
