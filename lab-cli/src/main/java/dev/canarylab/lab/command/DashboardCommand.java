package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab dashboard}: the running lab's live page, with its token. */
@Command(name = "dashboard",
        description = {"Prints the address of the running lab's live page (traffic, metrics, rollout, presenter",
            "controls), token included: whoever has it can steer the lab. --open also opens it in a browser."})
public final class DashboardCommand implements Callable<Integer> {

    @Option(names = "--open", description = "Open it with xdg-open (or open on macOS); prints it either way.")
    boolean open;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String url = Dashboard.url(ControlClient.require(state.stateFile()).state());
        PrintWriter out = spec.commandLine().getOut();
        out.println(url);
        out.flush();
        if (open) {
            String problem = browse(url);
            if (problem != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("lab: could not open a browser (" + problem + "); open the address above yourself");
                err.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** Starts the desktop's browser; says why not when it cannot. */
    private static String browse(String url) {
        String program = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")
                ? "open" : "xdg-open";
        try {
            Process p = new ProcessBuilder(program, url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() != 0) {
                return program + " exited with " + p.exitValue();
            }
            return null;
        } catch (IOException e) {
            return program + " is not available";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
