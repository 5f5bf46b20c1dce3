package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.ScenarioLoader;
import dev.canarylab.lab.report.JunitXml;
import dev.canarylab.lab.rollout.Pace;
import dev.canarylab.lab.rollout.Scenario;
import dev.canarylab.lab.rollout.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab test}: scenario files with an expected outcome, as a CI check with a JUnit report. */
@Command(name = "test", sortOptions = false,
        description = {"Runs scenario files (or built-in scenario names) on a lab of its own and checks that each",
            "ends as its 'expect' says (promoted, rolled back, inconclusive). Writes a JUnit report.",
            "Exit 0 when all did, 1 when one did not, 2 for a bad file, 130 on Ctrl-C."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files, or built-in scenario names.")
    List<String> files;

    @Option(names = "--pace", paramLabel = "PACE", defaultValue = "${env:LAB_PACE:-ci}",
            description = "normal or ci (LAB_PACE; default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "JUnit XML report (default: lab-test.xml in the reports directory).")
    Path junit;

    @Mixin
    LocalLabOptions lab;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pace p = Pace.parse(pace);
        if (p == null || p.explain()) {
            throw LabException.badInput("--pace must be normal or ci, got '" + pace + "'");
        }
        List<Scenario> plays = new ArrayList<>();
        for (String f : files) {
            plays.add(ScenarioLoader.load(f));
        }
        state.stateFile().check();
        Writable.file(junit != null ? junit : lab.reportDir(state).resolve("lab-test.xml"), "--junit");
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        List<ScenarioRunner.Result> results = new ScenarioSession(lab, state, p, false, err).play(plays);
        List<JunitXml.Case> cases = new ArrayList<>();
        for (ScenarioRunner.Result r : results) {
            String failure = r.asExpected() ? null : "expected " + r.scenario().expect().label() + ", got "
                    + r.record().outcome().label() + ": " + r.record().sentence();
            cases.add(JunitXml.Case.of(r.scenario().name(), "lab.test", r.seconds(), failure, r.record().sentence()));
        }
        Path report = junit != null ? junit : lab.reportDir(state).resolve("lab-test.xml");
        try {
            if (report.toAbsolutePath().getParent() != null) {
                Files.createDirectories(report.toAbsolutePath().getParent());
            }
            Files.writeString(report, JunitXml.render(new JunitXml.Suite("lab test", started, cases)));
        } catch (IOException e) {
            throw new LabException(ExitCodes.SOFTWARE, "cannot write " + report + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ScenarioSession.summary(results));
        out.println("JUnit report: " + report);
        out.flush();
        return results.stream().allMatch(ScenarioRunner.Result::asExpected) ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
