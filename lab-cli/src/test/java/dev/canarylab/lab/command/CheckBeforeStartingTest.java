package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab test} and {@code lab demo} read every scenario, strategy, config and the catalogue before they start
 * a lab: a bad second file must not cost the first scenario's minutes, nor leave a lab half started. The jars
 * given do not exist, so a check that came after the start would end with exit 9, never start a real lab here.
 */
class CheckBeforeStartingTest {

    @TempDir
    Path dir;

    private String[] args(String command, String... files) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(command));
        a.addAll(java.util.List.of(files));
        a.addAll(java.util.List.of("--catalog", dir.resolve("lab.yaml").toString(), "--state-dir",
                dir.resolve("state").toString(), "--sample-app-jar", dir.resolve("none.jar").toString(),
                "--traffic-gen-jar", dir.resolve("none.jar").toString()));
        return a.toArray(String[]::new);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private void files() throws IOException {
        write("lab.yaml", "versions:\n  v1: {color: blue}\n  v2: {color: green}\n");
        write("ok.yaml", "version: v2\nexpect: promoted\n");
        write("bad.yaml", "version: v2\nexpect: promoted\nstrategy: s.yaml\n");
        write("s.yaml", "steps:\n  - setWeight: 10\n  - setWeight: 150\n");
    }

    @Test
    void labTestWithABadStrategyInItsSecondScenarioStartsNothing() throws IOException {
        files();
        long children = ProcessHandle.current().children().count();

        Run run = Run.lab(args("test", dir.resolve("ok.yaml").toString(), dir.resolve("bad.yaml").toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lab: error: " + dir.resolve("s.yaml") + ": steps[1].setWeight must be a"
                + " whole percentage between 0 and 50 (the baseline gets as much as the canary)\n");
        assertThat(dir.resolve("state")).as("no lab state").doesNotExist();
        assertThat(dir.resolve("state/reports/lab-test.xml")).as("no JUnit report").doesNotExist();
        assertThat(ProcessHandle.current().children().count()).as("no instance started").isEqualTo(children);
    }

    @Test
    void labDemoWithABadStrategyPrintsOnlyTheErrorAndStartsNothing() throws IOException {
        files();

        Run run = Run.lab(args("demo", dir.resolve("ok.yaml").toString(), dir.resolve("bad.yaml").toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("lab: error: " + dir.resolve("s.yaml"));
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void labTestWithABrokenConfigOfAStrategyStartsNothing() throws IOException {
        files();
        write("s.yaml", "config: c.yaml\nsteps:\n  - setWeight: 10\n");
        write("c.yaml", "metrics: [{name: p99, query: latency}]\nthresholds: {pass: 200}\n");

        Run run = Run.lab(args("test", dir.resolve("bad.yaml").toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("lab: error: " + dir.resolve("c.yaml"));
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
