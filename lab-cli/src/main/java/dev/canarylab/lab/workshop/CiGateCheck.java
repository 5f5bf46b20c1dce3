package dev.canarylab.lab.workshop;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.Scenario;
import dev.canarylab.lab.rollout.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * 07 ci-gate: {@code lab-test.xml}, a passing JUnit report of at least two cases, one expecting v2 promoted and
 * one v4 rolled back. A case is the scenario of its name: a scenario file in the workshop folder (loaded as
 * {@code lab test} loads it), or a built-in scenario.
 */
final class CiGateCheck implements ModuleCheck {

    static final String FILE = "lab-test.xml";

    @Override
    public String id() {
        return "ci-gate";
    }

    @Override
    public String goal() {
        return "write a test file expecting v2 promoted and v4 rolled back, and produce lab-test.xml with lab test";
    }

    @Override
    public Check check(Workshop workshop) {
        Path file = workshop.file(FILE);
        if (!Files.exists(file) && workshop.file() == null && Files.exists(workshop.reportsDir().resolve(FILE))) {
            file = workshop.reportsDir().resolve(FILE); // where lab test writes it without --junit
        }
        if (!Files.exists(file)) {
            return Check.notYet("there is no " + workshop.fileName(FILE) + " in " + workshop.folder(),
                    "'lab test v2-promoted.yaml v4-rolled-back.yaml --junit lab-test.xml'");
        }
        List<JunitCases.Case> cases = JunitCases.read(file).cases();
        Optional<JunitCases.Case> failed = cases.stream().filter(JunitCases.Case::failed).findFirst();
        if (failed.isPresent()) {
            return Check.notYet(file.getFileName() + " has " + cases.size() + " test cases and '"
                    + failed.get().name() + "' failed", "read its failure message, fix the test or its expectation,"
                    + " and run lab test again");
        }
        if (cases.size() < 2) {
            return Check.notYet(file.getFileName() + " has " + cases.size() + " test case" + (cases.size() == 1
                    ? "" : "s") + ", want at least 2", "give lab test two scenario files, one per release");
        }
        Map<String, Scenario> scenarios = scenarios(workshop.folder());
        boolean v2 = cases.stream().anyMatch(c -> expects(scenarios, c, "v2", RolloutOutcome.PROMOTED));
        boolean v4 = cases.stream().anyMatch(c -> expects(scenarios, c, "v4", RolloutOutcome.ROLLED_BACK));
        if (!v2 || !v4) {
            String which = !v2 && !v4 ? "v2 promoted nor v4 rolled back" : !v2 ? "v2 promoted" : "v4 rolled back";
            return Check.notYet(file.getFileName() + " passes " + cases.size() + " test cases, but none expects "
                    + which, "a scenario file with 'version: " + (!v2 ? "v2" : "v4") + "' and 'expect: "
                    + (!v2 ? "promoted" : "rolled back") + "' in this folder, then lab test again");
        }
        return Check.done(file.getFileName() + " passes " + cases.size() + " test cases, none failed, among them v2"
                + " promoted and v4 rolled back: " + String.join(", ", cases.stream().map(JunitCases.Case::name)
                .toList()));
    }

    private static boolean expects(Map<String, Scenario> scenarios, JunitCases.Case c, String version,
            RolloutOutcome outcome) {
        Scenario s = scenarios.get(c.name());
        if (s == null && ScenarioLoader.BUILT_IN.contains(c.name())) {
            s = ScenarioLoader.load(c.name());
        }
        return s != null && version.equals(s.version()) && s.expect() == outcome;
    }

    /** The scenario files in the workshop folder (and two levels under it), by scenario name. */
    private static Map<String, Scenario> scenarios(Path folder) {
        Map<String, Scenario> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder, 3)) {
            files.filter(p -> p.toString().matches(".*\\.ya?ml") && !p.startsWith(folder.resolve(".lab")))
                    .forEach(p -> {
                        try {
                            Scenario s = ScenarioLoader.load(p.toString());
                            byName.putIfAbsent(s.name(), s);
                        } catch (RuntimeException e) {
                            // a canary config, a strategy: not a scenario
                        }
                    });
        } catch (IOException e) {
            throw LabException.badInput("cannot list " + folder + ": " + e.getMessage());
        }
        return byName;
    }
}
