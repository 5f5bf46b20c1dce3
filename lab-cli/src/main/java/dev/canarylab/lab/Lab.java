package dev.canarylab.lab;

import dev.canarylab.lab.command.CheckCommand;
import dev.canarylab.lab.command.DashboardCommand;
import dev.canarylab.lab.command.DeployCommand;
import dev.canarylab.lab.command.DownCommand;
import dev.canarylab.lab.command.AnalyzeCommand;
import dev.canarylab.lab.command.DemoCommand;
import dev.canarylab.lab.command.EvaluateCommand;
import dev.canarylab.lab.command.InitCommand;
import dev.canarylab.lab.command.JudgeCommand;
import dev.canarylab.lab.command.PromoteCommand;
import dev.canarylab.lab.command.ReportCommand;
import dev.canarylab.lab.command.RollbackCommand;
import dev.canarylab.lab.command.RolloutCommand;
import dev.canarylab.lab.command.StatusCommand;
import dev.canarylab.lab.command.TestCommand;
import dev.canarylab.lab.command.TrafficCommand;
import dev.canarylab.lab.command.UpCommand;
import dev.canarylab.lab.command.AffinityCommand;
import dev.canarylab.lab.command.MirrorCommand;
import dev.canarylab.lab.command.ReplayCommand;
import dev.canarylab.lab.command.RouteCommand;
import dev.canarylab.lab.command.WeightCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code lab} command: a plain container of subcommands. */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "lab 0.1.0",
        description = "Canary releases and automated canary analysis, in a lab.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, DeployCommand.class,
            WeightCommand.class, PromoteCommand.class, RollbackCommand.class, TrafficCommand.class,
            JudgeCommand.class, EvaluateCommand.class, DemoCommand.class, RolloutCommand.class, AnalyzeCommand.class, ReportCommand.class, ReplayCommand.class, TestCommand.class,
            InitCommand.class, CheckCommand.class,
            DashboardCommand.class, RouteCommand.class, MirrorCommand.class, AffinityCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:PASS, promoted, or success",
            "1:FAIL, rolled back, or a demo/test scenario that ended otherwise than expected",
            "2:bad usage or bad input (one line on stderr)",
            "3:MARGINAL or INCONCLUSIVE (not promoted)",
            "4:scripts/lab could not build the jars",
            "5:an instance did not become ready in time (or crash-looped)",
            "6:no lab is running",
            "7:a lab is already running",
            "8:the router's port is in use",
            "9:a jar or program is missing (sample-app, traffic-gen, prometheus)",
            "10:ERROR: a metric could not be read (Prometheus down, a failing query) or judged",
            "11:no cluster: no Docker for k3s, or the kubeconfig's cluster cannot be reached",
            "12:lab replay: this lab's judge decides otherwise than the recording (one line per difference)",
            "70:internal error (details with --verbose)",
            "130:stopped by Ctrl-C (traffic back on stable, nothing left running)"})
public final class Lab implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** The command line with lab's error handling; main and the tests run the same thing. */
    public static CommandLine commandLine() {
        ErrorHandler handler = new ErrorHandler();
        return new CommandLine(new Lab())
                .setExecutionExceptionHandler(handler)
                .setParameterExceptionHandler(handler);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
