package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.runtime.Mirror;
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

/** {@code lab mirror 50}: a dark launch, copies of stable's requests to the canary. */
@Command(name = "mirror",
        description = {"Copies PERCENT of the GET and HEAD requests stable serves to the canary, and to the baseline",
            "when one runs (like Argo Rollouts' setMirrorRoute). Clients get stable's answer; the copies' answers",
            "are discarded and recorded in the telemetry as mirrored. 'lab mirror off' stops.",
            "  lab mirror 50",
            "  lab mirror 100 --header X-Beta=on"})
public final class MirrorCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PERCENT", description = "1 to 100 (e.g. 50 or 50%%), or off (or 0).")
    String percent;

    @Option(names = "--header", paramLabel = "MATCH", description = "Mirror only requests with this header: "
            + MatchArgs.SYNTAX + ".")
    List<String> headers = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "MATCH", description = "Mirror only requests with this cookie: "
            + MatchArgs.SYNTAX + ".")
    List<String> cookies = new ArrayList<>();

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int p = parsePercent(percent);
        if (p == 0 && (!headers.isEmpty() || !cookies.isEmpty())) {
            throw LabException.badInput("'lab mirror off' takes no --header or --cookie");
        }
        Mirror mirror = new Mirror(p, MatchArgs.parse(headers, cookies));
        ControlClient client = ControlClient.require(state.stateFile());
        client.post("/v1/mirror", mirror, Duration.ofSeconds(10));
        spec.commandLine().getOut().println("mirroring " + mirror.describe()
                + (mirror.on() ? " to the canary (like setMirrorRoute: " + p + ")" : ""));
        return ExitCodes.OK;
    }

    static int parsePercent(String text) {
        if ("off".equalsIgnoreCase(text)) {
            return 0;
        }
        int p;
        try {
            p = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 100) {
            throw LabException.badInput("PERCENT must be a whole number from 0 to 100, or off, got '" + text + "'");
        }
        return p;
    }
}
