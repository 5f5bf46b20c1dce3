package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.report.RolloutReports;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab report}: the last rollout's report, in another format or place. */
@Command(name = "report", sortOptions = false,
        description = {"Renders the last rollout (of lab rollout, lab demo or lab test) as md, json, junit or html:",
            "on stdout, or into --out DIR (one file per format)."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "md",
            description = "md, json, junit or html; several with --out, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--out", paramLabel = "DIR", description = "Write files here instead of printing.")
    Path out;

    @Option(names = "--from", paramLabel = "DIR",
            description = "Where the last rollout's last.json is (default: reports/ in the state directory).")
    Path from;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RolloutRecord record = RolloutReports.readLast(from != null ? from : state.dir.resolve("reports"));
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            if (formats.size() != 1) {
                throw dev.canarylab.lab.LabException.badInput("one --format at a time on stdout; use --out DIR for several");
            }
            stdout.print(RolloutReports.render(record, formats.get(0)));
        } else {
            for (Path p : RolloutReports.write(record, new LinkedHashSet<>(formats), out)) {
                stdout.println(p);
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
