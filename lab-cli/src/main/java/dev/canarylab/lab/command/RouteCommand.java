package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab route NAME --header X-Beta=on --to canary}: a header or cookie route, tried before the weights. */
@Command(name = "route",
        description = {"Sends the requests that match every --header and --cookie to a track, whatever the weights",
            "(like Argo Rollouts' setHeaderRoute). Routes are tried in the order they were first set; setting NAME",
            "again replaces it. Promotion and rollback remove every route.",
            "  lab route beta --header X-Beta=on --to canary",
            "  lab route corp --header 'X-User~=.*@example[.]com' --cookie plan^=pro",
            "  lab route beta --remove"})
public final class RouteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The route's name: lower-case letters, digits and '-'.")
    String name;

    @Option(names = "--header", paramLabel = "MATCH", description = "A header condition: " + MatchArgs.SYNTAX + ".")
    List<String> headers = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "MATCH", description = "A cookie condition: " + MatchArgs.SYNTAX + ".")
    List<String> cookies = new ArrayList<>();

    @Option(names = "--to", paramLabel = "TRACK", defaultValue = "canary",
            description = "Where matching requests go: stable, baseline or canary (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--remove", description = "Removes the route NAME.")
    boolean remove;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (remove) {
            if (!headers.isEmpty() || !cookies.isEmpty()) {
                throw LabException.badInput("--remove takes no --header or --cookie");
            }
            ControlClient client = ControlClient.require(state.stateFile());
            client.post("/v1/routes/remove", new ControlServer.RemoveRouteRequest(name), Duration.ofSeconds(10));
            spec.commandLine().getOut().println("removed route " + name);
            return ExitCodes.OK;
        }
        if (headers.isEmpty() && cookies.isEmpty()) {
            throw LabException.badInput("route " + name + " needs at least one --header or --cookie condition");
        }
        RouteRule rule = new RouteRule(name, MatchArgs.parse(headers, cookies), Track.parse(to));
        ControlClient client = ControlClient.require(state.stateFile());
        client.post("/v1/routes", rule, Duration.ofSeconds(10));
        spec.commandLine().getOut().println("route " + rule.describe() + " (like setHeaderRoute: " + name + ")");
        return ExitCodes.OK;
    }
}
