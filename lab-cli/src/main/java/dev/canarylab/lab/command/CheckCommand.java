package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.workshop.Check;
import dev.canarylab.lab.workshop.ModuleCheck;
import dev.canarylab.lab.workshop.Modules;
import dev.canarylab.lab.workshop.Workshop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab check MODULE}: has the attendee done the workshop module's challenge? (docs/workshop-check.md) */
@Command(name = "check", sortOptions = false,
        description = {"Says in one sentence whether the challenge of a workshop module (docs/workshop/) is done,",
            "from the running lab, your files and the reports of your rollouts; without MODULE, lists the",
            "modules. Exit 0 done, 1 not yet (with a hint), 2 unknown module or a file that cannot be read."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODULE", arity = "0..1",
            description = "splitting, first-canary, canary-config, blue-green, policies, prometheus, ci-gate"
                    + " or kubernetes.")
    String module;

    @Option(names = {"--file", "--config"}, paramLabel = "FILE",
            description = "Your file for the module, instead of its usual name in the workshop folder"
                    + " (my-canary.yaml, my-policies.yaml, lab-test.xml).")
    Path file;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Your workshop folder, where your files are (default: the current directory).")
    Path dir;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where the reports of your rollouts are (default: reports/ in the state directory).")
    Path reports;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (module == null) {
            for (ModuleCheck m : Modules.all()) {
                out.printf("%-14s %s%n", m.id(), m.goal());
            }
            out.flush();
            return ExitCodes.OK;
        }
        ModuleCheck check = Modules.find(module);
        Workshop workshop = new Workshop(dir.toAbsolutePath().normalize(), state.stateFile(),
                reports != null ? reports : state.dir.resolve("reports"), file);
        Check result = check.check(workshop);
        out.println(result.line());
        out.flush();
        return result.done() ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
