package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.runtime.RuntimeRules;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;

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
            if (t.version().equals(version) && t.ready() >= t.desired()) {
                return t;
            }
            boolean failed = RuntimeRules.failed(t);
            if (failed || System.nanoTime() > deadline) {
                // Named after the version asked for: the track may still show the one it replaces.
                throw RuntimeRules.notReady(track, t.withVersion(version), failed, timeout);
            }
            Thread.sleep(100);
        }
    }
}
