package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.InstanceStatus.Phase;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A pod as {@code lab status} shows an instance: phase, readiness and restarts as the API reports them. */
final class PodStatus {

    private static final Set<String> FAILED_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull",
            "CreateContainerConfigError", "InvalidImageName", "RunContainerError");

    private PodStatus() {
    }

    static InstanceStatus of(Pod pod) {
        var status = pod.getStatus();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null
                ? List.of() : status.getContainerStatuses();
        ContainerStatus c = containers.isEmpty() ? null : containers.get(0);
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(k -> "Ready".equals(k.getType()) && "True".equals(k.getStatus()));
        int restarts = c == null || c.getRestartCount() == null ? 0 : c.getRestartCount();
        Instant since = parse(status == null ? null : status.getStartTime(), pod.getMetadata().getCreationTimestamp());
        if (since == null) {
            since = Instant.now();
        }
        return new InstanceStatus(pod.getMetadata().getName(), phase(pod, c), ready, restarts, 0, Manifests.PORT, since,
                lastExit(c));
    }

    private static Phase phase(Pod pod, ContainerStatus c) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return Phase.TERMINATING;
        }
        String podPhase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Failed".equals(podPhase)) {
            return Phase.FAILED;
        }
        if (c != null && c.getState() != null && c.getState().getWaiting() != null) {
            String reason = c.getState().getWaiting().getReason();
            if ("CrashLoopBackOff".equals(reason)) {
                return Phase.CRASH_LOOP;
            }
            if (reason != null && FAILED_REASONS.contains(reason)) {
                return Phase.FAILED;
            }
            return Phase.STARTING;
        }
        if (c != null && c.getState() != null && c.getState().getRunning() != null) {
            return Phase.RUNNING;
        }
        return "Running".equals(podPhase) ? Phase.RUNNING : Phase.STARTING;
    }

    /** "exit 1 after 20 s", from the container's last termination, or empty. */
    private static String lastExit(ContainerStatus c) {
        if (c == null || c.getLastState() == null || c.getLastState().getTerminated() == null) {
            return "";
        }
        ContainerStateTerminated t = c.getLastState().getTerminated();
        String text = "exit " + t.getExitCode();
        Instant start = parse(t.getStartedAt(), null);
        Instant end = parse(t.getFinishedAt(), null);
        if (start != null && end != null) {
            text += " after " + Duration.between(start, end).toSeconds() + " s";
        }
        return t.getReason() == null || t.getReason().equals("Error") ? text : text + " (" + t.getReason() + ")";
    }

    private static Instant parse(String time, String otherwise) {
        String t = time != null ? time : otherwise;
        try {
            return t == null ? null : Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
