package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
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

/** {@code lab promote}: the canary becomes stable. */
@Command(name = "promote",
        description = {"Makes the canary's version stable, with all the traffic.",
            "New stable replicas start while the canary serves everyone; then all traffic goes to them and the old",
            "stable, the canary and any baseline are drained."})
public final class PromoteCommand implements Callable<Integer> {

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = ControlClient.require(state.stateFile());
        RuntimeStatus before = client.status();
        TrackStatus canary = before.track(Track.CANARY);
        if (canary == null) {
            throw LabException.badInput("no canary to promote; 'lab deploy VERSION' first");
        }
        String old = before.track(Track.STABLE).version();
        client.post("/v1/promote", null, Duration.ofSeconds(90));
        spec.commandLine().getOut().println("promoted " + canary.version() + ": stable is now " + canary.version()
                + " with 100% of traffic, " + old + " drained (like kubectl argo rollouts promote --full)");
        return ExitCodes.OK;
    }
}
