package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab deploy VERSION}: runs a catalogue version on a track. */
@Command(name = "deploy",
        description = {"Runs VERSION (from the catalogue) on a track, replacing what ran there; waits until it is ready.",
            "Weights do not change: a new canary gets the current canary weight once ready. --replicas 0 removes the track."})
public final class DeployCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION", description = "A version of the catalogue, e.g. v2.")
    String version;

    @Option(names = "--track", paramLabel = "TRACK", defaultValue = "canary",
            description = "stable, baseline or canary (default: ${DEFAULT-VALUE}).")
    String track;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1", description = "Replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", converter = TimeoutConverter.class,
            description = "How long the replicas may take to become ready (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--no-wait", description = "Return once the change is applied, without waiting for readiness.")
    boolean noWait;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Track t = Track.parse(track);
        // 10: the most replicas a runtime runs; checked here too so that nothing is asked of the lab in vain
        if (replicas < 0 || replicas > 10) {
            throw LabException.badInput("--replicas must be between 0 and 10, got " + replicas);
        }
        ControlClient client = ControlClient.require(state.stateFile());
        client.post("/v1/deploy", new ControlServer.DeployRequest(version, t.label(), replicas), Duration.ofSeconds(30));
        if (replicas == 0) {
            spec.commandLine().getOut().println("removed " + t.label() + " (like kubectl scale --replicas=0)");
            return ExitCodes.OK;
        }
        if (!noWait) {
            ReadyWait.await(client, t, version, Duration.ofSeconds(timeoutSeconds));
        }
        RuntimeStatus s = client.status();
        TrackStatus ts = s.track(t);
        spec.commandLine().getOut().println("deployed " + version + " (" + ts.color() + ") to " + t.label() + ": "
                + ts.ready() + "/" + ts.desired() + " ready, " + s.weightOf(t) + "% of traffic"
                + " (like kubectl argo rollouts set image)");
        return ExitCodes.OK;
    }
}
