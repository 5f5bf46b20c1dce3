package dev.canarylab.lab;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr ({@code lab: error: ...}) and an exit code; the stack trace only with
 * {@code --verbose}. Handles both execution exceptions and bad usage, so no user ever sees a raw trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        String message;
        if (ex instanceof LabException lab) {
            code = lab.exitCode();
            message = lab.getMessage();
        } else {
            code = ExitCodes.SOFTWARE;
            message = "internal error: " + ex + (verbose(parseResult) ? "" : " (run with --verbose for details)");
        }
        err.println("lab: error: " + message);
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println("lab: error: " + ex.getMessage() + " (see '" + name + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult top = parseResult;
        while (top != null) {
            if (top.hasMatchedOption("--verbose")) {
                return true;
            }
            top = top.hasSubcommand() ? top.subcommand() : null;
        }
        return false;
    }
}
