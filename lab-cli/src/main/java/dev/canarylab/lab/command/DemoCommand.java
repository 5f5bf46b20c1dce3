package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.ScenarioLoader;
import dev.canarylab.lab.rollout.Pace;
import dev.canarylab.lab.rollout.Scenario;
import dev.canarylab.lab.rollout.ScenarioRunner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab demo}: the canary story told end to end on a lab of its own. */
@Command(name = "demo", sortOptions = false,
        description = {"Plays canary scenarios on a local lab of its own and narrates every decision:",
            "happy-path, slow-release, error-spike, memory-leak, crash-loop, blue-green, low-traffic, or all.",
            "Without a scenario: happy-path then slow-release. Exit 0 when every scenario ended as it should,",
            "1 when one did not, 130 on Ctrl-C (traffic is back on stable and nothing is left running)."})
public final class DemoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", arity = "0..*",
            description = "Built-in scenario names, 'all', or scenario files (see lab test).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--pace", paramLabel = "PACE", defaultValue = "${env:LAB_PACE:-normal}",
            description = "presenter (explains each act, waits for Enter), normal, or ci (shorter, more traffic)"
                    + " (LAB_PACE; default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = {"-y", "--yes"}, description = "Do not wait for Enter between acts (presenter pace).")
    boolean yes;

    @Mixin
    LocalLabOptions lab;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pace p = Pace.parse(pace);
        if (p == null) {
            throw LabException.badInput("--pace must be presenter, normal or ci, got '" + pace + "'");
        }
        List<Scenario> plays = new ArrayList<>();
        for (String n : scenarios.isEmpty() ? List.of("happy-path", "slow-release") : scenarios) {
            if (n.equals("all")) {
                ScenarioLoader.DEMO_ALL.forEach(b -> plays.add(ScenarioLoader.load(b)));
            } else {
                plays.add(ScenarioLoader.load(n));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        ScenarioSession session = new ScenarioSession(lab, state, p, !yes, err);
        session.check(plays); // bad files and options first: nothing is printed or started before
        err.println("canary-lab demo: " + plays.size() + " scenario" + (plays.size() == 1 ? "" : "s") + " at "
                + p.name() + " pace on the " + lab.runtime.runtime + " runtime. Ctrl-C stops at any time and restores"
                + " stable.");
        List<ScenarioRunner.Result> results = session.play(plays);
        PrintWriter out = spec.commandLine().getOut();
        out.println(ScenarioSession.summary(results));
        if (!results.isEmpty()) {
            out.println("Last verdict: " + results.get(results.size() - 1).record().sentence());
        }
        out.flush();
        return results.stream().allMatch(ScenarioRunner.Result::asExpected) ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
