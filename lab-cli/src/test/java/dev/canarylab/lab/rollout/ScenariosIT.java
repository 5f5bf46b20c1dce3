package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.report.RolloutJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in scenario at ci pace, through {@code lab test} as a CI job runs it: the outcome its file expects
 * (promoted, rolled back, inconclusive), a JUnit report that says so, reports on disk, nothing left running; and
 * its report replays at full speed, in seconds, with the verdicts and decision sentences of the live run.
 */
class ScenariosIT {

    @TempDir
    Path dir;

    private LabRun lab;

    static List<String> scenarios() {
        return ScenarioLoader.DEMO_ALL;
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.destroyAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsAsItsScenarioExpects(String name) throws Exception {
        lab = new LabRun(dir);
        Scenario scenario = ScenarioLoader.load(name);
        List<String> args = new ArrayList<>(List.of("test", name, "--pace", "ci", "--junit",
                dir.resolve("junit.xml").toString(), "--reports", dir.resolve("reports").toString()));
        args.addAll(LabRun.labOptions());
        Process p = lab.start(args);
        long pid = p.pid();
        assertThat(p.waitFor(6, java.util.concurrent.TimeUnit.MINUTES)).as("lab test %s finished", name).isTrue();
        String out = lab.out(0);
        String err = lab.err(0);
        assertThat(err).as("a CI log gets no control token").doesNotContain("token=")
                .containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/lab/ \\(run `lab dashboard` for the address with its token\\)");
        String expected = scenario.expect().label();
        // The promise is no wrong verdict: a healthy release is never rolled back for a regression, a regression
        // never promoted. On a loaded machine the latency noise can leave an analysis short of power ("it could
        // only detect 1.15x", or a p99 interval too wide to decide); the rollout then ends INCONCLUSIVE and says
        // why, which is honest, and lab test reports it as not as expected (exit 1).
        boolean honestNoVerdict = scenario.expect() != RolloutOutcome.INCONCLUSIVE
                && err.contains(">>> " + name + ": INCONCLUSIVE (expected " + expected + ")");
        if (honestNoVerdict) {
            assertThat(err).as("why no verdict").contains("Not enough evidence yet")
                    .contains("Not promoting without evidence");
            assertThat(p.exitValue()).as("exit code of lab test %s; stderr:%n%s", name, err).isEqualTo(1);
            assertThat(out).containsPattern("(?m)^" + name + " +" + expected + " +inconclusive +\\d+s +UNEXPECTED$");
        } else {
            assertThat(p.exitValue()).as("exit code of lab test %s; stderr:%n%s", name, err).isZero();
            assertThat(out).containsPattern("(?m)^" + name + " +" + expected + " +" + expected + " +\\d+s +ok$");
            assertThat(err).contains(">>> " + name + ": " + expected.toUpperCase(Locale.ROOT) + " (as expected)");
        }

        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"1\"").contains("failures=\"" + (honestNoVerdict ? 1 : 0) + "\"")
                .contains("name=\"" + name + "\"");
        try (var files = Files.list(dir.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(f -> f.endsWith(".html")).anyMatch(f -> f.endsWith(".md")).contains("last.json");
        }
        assertThat(LabRun.children(pid)).as("processes left by lab test %s", name).isEmpty();
        assertThat(lab.state().resolve("state.json")).doesNotExist();
        replaysAsRecorded(name, err);
    }

    /**
     * The report the live run wrote, replayed at full speed with no lab: in under 10 s, every analysis's verdict
     * and sentence and every decision the live run narrated, unchanged.
     */
    private void replaysAsRecorded(String name, String liveErr) throws Exception {
        Path report = dir.resolve("reports").resolve("last.json");
        long started = System.nanoTime();
        RolloutRecord live = RolloutJson.read(Files.readString(report));
        Replay.Result replay = new Replay(live, Double.POSITIVE_INFINITY, new Narrator(new PrintWriter(
                new StringWriter()), false, Replay.clockOf(live)), Replay.clockOf(live)).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "replay of %s: report %d bytes, %d analyses, replayed in %.2f s%n", name,
                Files.size(report), live.analyses().size(), seconds);

        assertThat(seconds).as("replay of %s at full speed, in seconds", name).isLessThan(10);
        assertThat(replay.differences()).as("replay of %s", name).isEmpty();
        assertThat(replay.analyses()).extracting(RolloutRecord.Analysis::verdict)
                .containsExactlyElementsOf(live.analyses().stream().map(RolloutRecord.Analysis::verdict).toList());
        assertThat(replay.analyses()).extracting(RolloutRecord.Analysis::sentence)
                .containsExactlyElementsOf(live.analyses().stream().map(RolloutRecord.Analysis::sentence).toList());
        List<String> decisions = replay.events().stream().filter(e -> e.type().decision())
                .map(RolloutRecord.Event::message).toList();
        assertThat(decisions).as("decisions of %s", name).isNotEmpty().containsExactlyElementsOf(live.events().stream()
                .filter(e -> e.type().decision()).map(RolloutRecord.Event::message).toList());
        assertThat(decisions).allSatisfy(d -> assertThat(liveErr).as("the live narration").contains(d));
    }
}
