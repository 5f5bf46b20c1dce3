package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.traffic.MixFlag;
import dev.canarylab.lab.traffic.TrafficFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code lab traffic start|stop}: traffic-gen against the lab's router, run by the lab. */
@Command(name = "traffic",
        description = "Starts or stops load on the router (traffic-gen, run by the lab so that it stops with it).",
        subcommands = {TrafficCommand.Start.class, TrafficCommand.Stop.class})
public final class TrafficCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Command(name = "start",
            description = {"Starts traffic-gen against the router. Other flags go to traffic-gen as they are",
                "(--rps 50, --shape ramp, --duration 5m, --mix requests.yaml; without --duration it runs until",
                "'lab traffic stop'). For routes and affinity: --header 'X-Beta: on' --header-share 0.2,",
                "--cookie beta=yes --cookie-share 0.1, --requests-per-user 10 --think-time 1s."})
    static final class Start implements java.util.concurrent.Callable<Integer> {

        @Unmatched
        List<String> flags = new ArrayList<>();

        @Mixin
        StateDirOption state;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> checked = TrafficFlags.check(MixFlag.resolve(flags)); // bad input, lab or no lab
            ControlClient client = ControlClient.require(state.stateFile());
            String body = client.post("/v1/traffic/start", new ControlServer.TrafficRequest(checked), Duration.ofSeconds(30));
            spec.commandLine().getOut().println("traffic started: "
                    + ControlClient.parse(body, ControlServer.Message.class).message());
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", description = "Stops the traffic and prints traffic-gen's summary.")
    static final class Stop implements java.util.concurrent.Callable<Integer> {

        @Mixin
        StateDirOption state;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ControlClient client = ControlClient.require(state.stateFile());
            String body = client.post("/v1/traffic/stop", null, Duration.ofSeconds(45));
            String summary = ControlClient.parse(body, ControlServer.Message.class).message();
            spec.commandLine().getOut().println(summary.isEmpty() ? "no traffic was running" : "traffic stopped\n" + summary);
            return ExitCodes.OK;
        }
    }
}
