package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.runtime.Affinity;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab affinity on|off}: session affinity by cookie. */
@Command(name = "affinity",
        description = {"Session affinity (like Flagger's sessionAffinity): a cookie pins each client to the track and",
            "version that first served it, while that track runs that version; a rollback or promotion ends the pin.",
            "A weight increase moves the matching share of stable's clients; the canary's clients stay.",
            "  lab affinity on --cookie lab-affinity --max-age 3600",
            "  lab affinity off"})
public final class AffinityCommand implements Callable<Integer> {

    @Parameters(paramLabel = "on|off")
    String onOff;

    @Option(names = "--cookie", paramLabel = "NAME", defaultValue = Affinity.DEFAULT_COOKIE,
            description = "The cookie's name (default: ${DEFAULT-VALUE}).")
    String cookie;

    @Option(names = "--max-age", paramLabel = "SECONDS", defaultValue = "86400",
            description = "How long a client keeps its pin, in seconds (default: ${DEFAULT-VALUE}).")
    String maxAge;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean on = switch (onOff.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw LabException.badInput("affinity takes on or off, got '" + onOff + "'");
        };
        if (!on) {
            ControlClient.require(state.stateFile()).post("/v1/affinity/off", null, Duration.ofSeconds(10));
            spec.commandLine().getOut().println("session affinity off: every request follows the routes and weights");
            return ExitCodes.OK;
        }
        long seconds;
        try {
            seconds = Long.parseLong(maxAge.strip());
        } catch (NumberFormatException e) {
            throw LabException.badInput("--max-age is a whole number of seconds, got '" + maxAge + "'");
        }
        Affinity a = new Affinity(cookie, seconds);
        ControlClient.require(state.stateFile()).post("/v1/affinity",
                new ControlServer.AffinityRequest(a.cookie(), a.maxAgeSeconds()), Duration.ofSeconds(10));
        spec.commandLine().getOut().println("session affinity on: " + a.describe());
        return ExitCodes.OK;
    }
}
