package dev.canarylab.lab.runtime;

import java.util.List;

/**
 * One track: its version and replicas.
 *
 * @param instances the replicas of {@code version}
 * @param replaced replicas of the version this one replaces, serving until all of {@code instances} are ready
 */
public record TrackStatus(Track track, String version, String color, int desired, List<InstanceStatus> instances,
        List<InstanceStatus> replaced) {

    public TrackStatus {
        instances = List.copyOf(instances);
        replaced = List.copyOf(replaced);
    }

    /** The same track as reported for {@code version}, e.g. the one a rollout is waiting for. */
    public TrackStatus withVersion(String version) {
        return new TrackStatus(track, version, color, desired, instances, replaced);
    }

    public long ready() {
        return instances.stream().filter(InstanceStatus::ready).count();
    }

    public int restarts() {
        return instances.stream().mapToInt(InstanceStatus::restarts).sum();
    }

    /** Healthy (all ready), Progressing (starting), or Degraded (an instance is crash-looping or failed). */
    public String health() {
        if (instances.stream().anyMatch(i -> i.phase().degraded())) {
            return "Degraded";
        }
        return ready() >= desired ? "Healthy" : "Progressing";
    }
}
