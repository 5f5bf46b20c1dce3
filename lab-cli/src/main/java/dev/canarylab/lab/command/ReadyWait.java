package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.util.stream.Collectors;

/** Waits, from the CLI, until a track of the running lab is ready, as {@code kubectl rollout status} does. */
final class ReadyWait {

    private ReadyWait() {
    }

    static TrackStatus await(ControlClient client, Track track, String version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TrackStatus t = client.status().track(track);
            if (t == null) {
                throw new LabException(ExitCodes.NOT_READY, track.label() + " is no longer deployed");
            }
            boolean current = t.version().equals(version);
            long ready = t.ready();
            if (current && ready >= t.desired()) {
                return t;
            }
            boolean failed = t.instances().stream().anyMatch(i -> i.phase() == InstanceStatus.Phase.FAILED);
            if (failed || System.nanoTime() > deadline) {
                String why = t.instances().stream().filter(i -> !i.ready())
                        .map(i -> i.id() + " " + i.phase().display() + (i.lastExit().isEmpty() ? "" : " (" + i.lastExit() + ")"))
                        .collect(Collectors.joining(", "));
                throw new LabException(ExitCodes.NOT_READY, version + " on " + track.label() + ": " + ready + "/"
                        + t.desired() + " ready" + (failed ? "" : " after " + timeout.toSeconds() + " s") + "; " + why);
            }
            Thread.sleep(100);
        }
    }
}
