package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/own-service through {@code lab test}, as its GitHub workflow runs it: a service that is not sample-app
 * (one JDK source file, started with {@code java Service.java}), driven by its own request mix. The good release
 * is promoted; one 50% slower is rolled back on latency and one failing 5% of requests on errors; the JUnit file
 * lists the three. One lab plays the three scenarios, the regressions first, so that no scenario has to put v1
 * back on the stable track.
 */
class OwnServiceExampleIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "own-service").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LabRun lab;

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.destroyAll();
        }
    }

    @Test
    void theGoodReleaseIsPromotedAndBothRegressionsAreRolledBack() throws Exception {
        lab = new LabRun(dir);
        List<String> args = new ArrayList<>(List.of("test", "--catalog", EXAMPLE.resolve("lab.yaml").toString(),
                "--port", "0", "--traffic-gen-jar", LabRun.TRAFFIC_JAR, "--sample-app-jar", LabRun.SAMPLE_JAR,
                "--junit", dir.resolve("lab-test.xml").toString(), "--reports", dir.resolve("reports").toString()));
        for (String scenario : List.of("catch-slow", "catch-errors", "promote")) {
            args.add(EXAMPLE.resolve(scenario + ".yaml").toString());
        }
        long started = System.nanoTime();
        Process p = lab.start(args);
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("lab test finished").isTrue();
        System.out.printf("examples/own-service: lab test of 3 scenarios took %.0f s%n%s", (System.nanoTime() - started) / 1e9,
                lab.out(0));
        String err = lab.err(0);

        assertThat(p.exitValue()).as("exit code; stderr:%n%s", err).isZero();
        assertThat(lab.out(0)).containsPattern("(?m)^catch-slow +rolled back +rolled back +\\d+s +ok$")
                .containsPattern("(?m)^catch-errors +rolled back +rolled back +\\d+s +ok$")
                .containsPattern("(?m)^promote +promoted +promoted +\\d+s +ok$");
        String junit = Files.readString(dir.resolve("lab-test.xml"));
        assertThat(junit).contains("tests=\"3\"", "failures=\"0\"", "<testcase name=\"catch-slow\"",
                "<testcase name=\"catch-errors\"", "<testcase name=\"promote\"");
        // Rolled back for the right reason: the metric that failed is the regression the release carries.
        assertThat(failedMetrics("catch-slow")).as("metrics that failed catch-slow; stderr:%n%s", err).isNotEmpty()
                .allMatch(m -> m.contains("latency"));
        assertThat(failedMetrics("catch-errors")).as("metrics that failed catch-errors; stderr:%n%s", err)
                .containsExactly("errors");
        // The traffic was the example's own mix. (traffic-gen's default, sample-app's /api/stories, would get quick
        // 404s from every release, and neither regression could have been caught.)
        assertThat(err).contains("the requests of requests.yaml");
        assertThat(servicesLeft()).as("Service.java processes left after lab test").isEmpty();
    }

    /** The metrics that failed (HIGH) in the analyses that rolled the scenario back, from its JSON report. */
    private List<String> failedMetrics(String scenario) throws IOException {
        Path report;
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            report = files.filter(f -> f.getFileName().toString().startsWith(scenario + "-")
                    && f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode analysis : JSON.readTree(report.toFile()).path("analyses")) {
            if (List.of("FAIL", "MARGINAL").contains(analysis.path("verdict").asText())) {
                for (JsonNode m : analysis.path("judgement").path("metrics")) {
                    if (m.path("result").asText().equals("HIGH")) {
                        failed.add(m.path("metric").asText());
                    }
                }
            }
        }
        return failed;
    }

    /** Instances of the example still running: Service.java processes started in its folder. */
    private static List<ProcessHandle> servicesLeft() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("Service.java") && c.contains("--release")).orElse(false))
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(EXAMPLE);
                    } catch (IOException | UnsupportedOperationException e) {
                        return false;
                    }
                }).toList();
    }
}
