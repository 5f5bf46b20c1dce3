package dev.canarylab.lab.runtime;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The rules every runtime applies to a change, with their messages, kept in one place so that a lab refuses and
 * explains the same thing in the same words locally and on a cluster.
 */
public final class RuntimeRules {

    /** The most replicas a track may have: enough to show a replica ratio, few enough for a laptop. */
    public static final int MAX_REPLICAS = 10;

    private RuntimeRules() {
    }

    /** Refuses a replica count out of range, and a stable track with none ({@code lab down} is how to stop). */
    public static void checkDeploy(Track track, int replicas) {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw LabException.badInput("--replicas must be between 0 and " + MAX_REPLICAS + ", got " + replicas);
        }
        if (track == Track.STABLE && replicas == 0) {
            throw LabException.badInput("stable cannot have 0 replicas; 'lab down' stops the lab");
        }
    }

    /** Refuses a weight out of range, without a canary, or that would leave stable less than nothing beside a baseline. */
    public static void checkWeight(int percent, boolean canaryDeployed, boolean baselineDeployed) {
        if (percent < 0 || percent > 100) {
            throw LabException.badInput("weight must be between 0 and 100 percent, got " + percent);
        }
        if (!canaryDeployed) {
            throw LabException.badInput("no canary is deployed; 'lab deploy VERSION --track canary' first");
        }
        if (baselineDeployed && 2 * percent > 100) {
            throw LabException.badInput("with a baseline deployed, canary and baseline each get the weight: at most 50, got " + percent);
        }
    }

    /** A routing feature ({@code what}: "header and cookie routes", "session affinity", "mirroring") this runtime lacks. */
    public static LabException unsupported(String what) {
        return LabException.badInput(what + ": not available on this runtime yet; the local runtime has it"
                + " ('lab up --runtime local')");
    }

    /** Refuses a route or mirror to a track that is not deployed: it would never be used. */
    public static void checkRouteTarget(Track track, boolean deployed, String what) {
        if (!deployed) {
            throw LabException.badInput(what + " sends requests to " + track.label() + ", which is not deployed; 'lab deploy"
                    + " VERSION --track " + track.label() + "' first");
        }
    }

    public static LabException noCanaryToPromote() {
        return LabException.badInput("no canary to promote");
    }

    /** A promotion whose new stable did not become ready; {@code state} says what still serves. */
    public static LabException promotionStalled(LabException notReady, String state) {
        return new LabException(notReady.exitCode(), "promotion stalled: " + notReady.getMessage() + "; " + state);
    }

    /**
     * Why {@code track} is not ready: its version, ready count and each instance that is not ready, as
     * {@code kubectl rollout status} would say; {@code failed} when an instance failed before the timeout.
     */
    public static LabException notReady(Track track, TrackStatus t, boolean failed, Duration timeout) {
        if (t == null) {
            return new LabException(ExitCodes.NOT_READY, track.label() + " after " + timeout.toSeconds() + " s; ");
        }
        String why = t.instances().stream().filter(i -> !i.ready())
                .map(i -> i.id() + " " + i.phase().display() + (i.lastExit().isEmpty() ? "" : " (" + i.lastExit() + ")"))
                .collect(Collectors.joining(", "));
        StringBuilder output = new StringBuilder();
        t.instances().stream().filter(i -> !i.ready() && !i.lastOutput().isEmpty()).findFirst().ifPresent(i -> {
            output.append(System.lineSeparator()).append("last output of ").append(i.id()).append(':');
            i.lastOutput().forEach(l -> output.append(System.lineSeparator()).append("  ").append(l));
        });
        return new LabException(ExitCodes.NOT_READY, t.version() + " on " + track.label() + ": " + t.ready() + "/"
                + t.desired() + " ready" + (failed ? "" : " after " + timeout.toSeconds() + " s") + "; " + why + output);
    }

    /** True when an instance of {@code t} failed for good (a crash loop): waiting longer will not help. */
    public static boolean failed(TrackStatus t) {
        return t.instances().stream().anyMatch(i -> i.phase() == InstanceStatus.Phase.FAILED);
    }
}
