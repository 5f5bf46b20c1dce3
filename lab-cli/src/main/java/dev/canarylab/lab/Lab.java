package dev.canarylab.lab;

import dev.canarylab.lab.command.EvaluateCommand;
import dev.canarylab.lab.command.JudgeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code lab} command: a plain container of subcommands. */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "lab 0.1.0",
        description = "Canary releases and automated canary analysis, in a lab.",
        subcommands = {JudgeCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:PASS, or success",
            "1:FAIL",
            "2:bad usage or bad input (one line on stderr)",
            "3:MARGINAL or INCONCLUSIVE",
            "70:internal error (details with --verbose)"})
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
