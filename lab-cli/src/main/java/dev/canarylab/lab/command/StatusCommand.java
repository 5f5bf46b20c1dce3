package dev.canarylab.lab.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.ControlClient;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab status}: tracks, versions, replicas, weights. */
@Command(name = "status",
        description = "Shows tracks, versions, replicas (ready/desired, restarts), traffic weights and the router address.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ControlClient client = ControlClient.require(state.stateFile());
        String body = client.get("/v1/status");
        if (json) {
            ObjectMapper m = new ObjectMapper();
            spec.commandLine().getOut().println(m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(body)));
        } else {
            spec.commandLine().getOut().print(StatusText.render(ControlClient.parse(body,
                    dev.canarylab.lab.runtime.RuntimeStatus.class), Instant.now()));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
