package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab weight PERCENT}: the canary's share of traffic. */
@Command(name = "weight",
        description = {"Sends PERCENT of the traffic to the canary (and as much to the baseline when one is deployed).",
            "Stable gets the rest. Takes effect for the next request."})
public final class WeightCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PERCENT", description = "0 to 100 (at most 50 with a baseline), e.g. 10 or 10%%.")
    String percent;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int p;
        try {
            p = Integer.parseInt(percent.endsWith("%") ? percent.substring(0, percent.length() - 1) : percent);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 100) {
            throw LabException.badInput("PERCENT must be a whole number from 0 to 100, got '" + percent + "'");
        }
        ControlClient client = ControlClient.require(state.stateFile());
        int before = client.status().canaryWeight();
        client.post("/v1/weight", new ControlServer.WeightRequest(p), Duration.ofSeconds(10));
        spec.commandLine().getOut().println("canary weight " + before + "% -> " + p + "% (like setWeight: " + p + ")");
        return ExitCodes.OK;
    }
}
