package dev.canarylab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class LabTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("wires crossed");
        }
    }

    @Command(name = "refuse")
    static final class Refuse implements Callable<Integer> {
        @Override
        public Integer call() {
            throw LabException.badInput("samples.json: metrics.x is not a metric of the config");
        }
    }

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Lab.commandLine().addSubcommand(new Boom()).addSubcommand(new Refuse());
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void unexpectedExceptionsAreOneLineWithoutVerbose() {
        String[] r = run("boom");
        assertThat(r[0]).isEqualTo(Integer.toString(ExitCodes.SOFTWARE));
        assertThat(r[1]).isEqualTo("lab: error: internal error: java.lang.IllegalStateException: wires crossed"
                + " (run with --verbose for details)\n");
    }

    @Test
    void verboseAddsTheStackTrace() {
        String[] r = run("--verbose", "boom");
        assertThat(r[1]).startsWith("lab: error: internal error: java.lang.IllegalStateException: wires crossed\n")
                .contains("at dev.canarylab.lab.LabTest$Boom.call");
        assertThat(run("boom", "--verbose")[1]).contains("at dev.canarylab.lab.LabTest$Boom.call");
    }

    @Test
    void userFacingErrorsCarryTheirExitCode() {
        String[] r = run("refuse");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEqualTo("lab: error: samples.json: metrics.x is not a metric of the config\n");
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Lab.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute("--help")).isZero();
        assertThat(out.toString()).contains("judge").contains("evaluate").contains("Exit codes:")
                .containsPattern("70 +internal error").containsPattern("130 +stopped by Ctrl-C");
    }
}
