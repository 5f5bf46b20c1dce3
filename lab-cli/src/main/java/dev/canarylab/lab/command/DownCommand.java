package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.runtime.local.ProcessExit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab down}: stops the running lab, its instances and its traffic. */
@Command(name = "down",
        description = "Stops the running lab: traffic, every instance (drained, then killed), the router.")
public final class DownCommand implements Callable<Integer> {

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<ControlClient> found = ControlClient.find(state.stateFile());
        if (found.isEmpty()) {
            // A stale file must not name a process for the next command to signal: clean it up and say so.
            String stale = state.stateFile().removeStale().map(s -> " (" + s + ")").orElse("");
            spec.commandLine().getOut().println("lab down: no lab was running" + stale);
            return ExitCodes.OK;
        }
        ControlClient client = found.get();
        long pid = client.state().pid();
        // Only the process the state file identifies (pid, start instant, command line) is ever signalled.
        ProcessHandle lab = client.state().liveProcess().orElse(null);
        try {
            client.post("/v1/down", null, Duration.ofSeconds(5));
        } catch (LabException e) {
            if (lab != null) {
                lab.destroy(); // the control API is gone but the process is not: SIGTERM runs the same shutdown
            }
        }
        if (lab != null && !waitFor(lab, 30)) {
            lab.destroy();
            if (!waitFor(lab, 15)) {
                throw new LabException(ExitCodes.SOFTWARE, "the lab (pid " + pid + ") did not stop; kill it with kill -9 " + pid);
            }
        }
        spec.commandLine().getOut().println("lab down: stopped the lab (pid " + pid + "), its instances and its router");
        return ExitCodes.OK;
    }

    private static boolean waitFor(ProcessHandle p, int seconds) throws InterruptedException {
        return ProcessExit.await(p, Duration.ofSeconds(seconds)); // not this JVM's child: onExit would see it late
    }
}
