package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab rollback}: all traffic back to stable at once. */
@Command(name = "rollback",
        description = "Sends 100%% of traffic to stable at once (the next request already goes there), then removes canary and baseline.")
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = ControlClient.require(state.stateFile());
        RuntimeStatus before = client.status();
        client.post("/v1/rollback", null, Duration.ofSeconds(10));
        TrackStatus canary = before.track(Track.CANARY);
        spec.commandLine().getOut().println("rolled back: 100% of traffic to stable " + before.track(Track.STABLE).version()
                + (canary == null ? "" : ", canary " + canary.version() + " scaled down")
                + " (like kubectl argo rollouts abort)");
        return ExitCodes.OK;
    }
}
