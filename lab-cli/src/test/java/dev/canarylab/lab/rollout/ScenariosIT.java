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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in scenario at ci pace, through {@code lab test} as a CI job runs it, all nine in one lab as
 * {@code lab demo all} plays them (one lab start instead of nine): the outcome each file expects (promoted, rolled
 * back, inconclusive), a JUnit report that says so, reports on disk, nothing left running; and each report replays
 * at full speed, in seconds, with the verdicts and decision sentences of the live run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenariosIT {

    @TempDir
    static Path dir;

    private LabRun lab;
    private long pid;
    private int exitCode;
    private String out;
    private String err;

    static List<String> scenarios() {
        return ScenarioLoader.DEMO_ALL;
    }

    @BeforeAll
    void playEveryScenarioInOneLab() throws Exception {
        lab = new LabRun(dir);
        List<String> args = new ArrayList<>(List.of("test"));
        args.addAll(scenarios());
        args.addAll(List.of("--pace", "ci", "--junit", dir.resolve("junit.xml").toString(), "--reports",
                dir.resolve("reports").toString()));
        args.addAll(LabRun.labOptions());
        long started = System.nanoTime();
        Process p = lab.start(args);
        pid = p.pid();
        assertThat(p.waitFor(25, TimeUnit.MINUTES)).as("lab test of every scenario finished").isTrue();
        exitCode = p.exitValue();
        out = lab.out(0);
        err = lab.err(0);
        System.out.printf(Locale.ROOT, "lab test of %d scenarios took %.0f s%n%s", scenarios().size(),
                (System.nanoTime() - started) / 1e9, out);
    }

    @AfterAll
    void cleanUp() {
        if (lab != null) {
            lab.destroyAll();
        }
    }

    @Test
    void theRunAsAWholeLeavesNothingBehindAndGivesNoTokenToTheLog() throws Exception {
        assertThat(err).as("a CI log gets no control token").doesNotContain("token=")
                .containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/lab/ \\(run `lab dashboard` for the address with its token\\)");
        // Exit 0 when every scenario ended as expected; 1 when one ended INCONCLUSIVE instead (see below).
        boolean anyHonestNoVerdict = scenarios().stream().anyMatch(this::honestNoVerdict);
        assertThat(exitCode).as("exit code of lab test; stderr:%n%s", err).isEqualTo(anyHonestNoVerdict ? 1 : 0);
        assertThat(out).containsPattern("(?m)^" + scenarios().size() + " scenarios, ");
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"" + scenarios().size() + "\"");
        try (var files = Files.list(dir.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).contains("last.json");
        }
        assertThat(LabRun.children(pid)).as("processes left by lab test").isEmpty();
        assertThat(lab.state().resolve("state.json")).doesNotExist();
    }

    /**
     * The promise is no wrong verdict: a healthy release is never rolled back for a regression, a regression never
     * promoted. On a loaded machine the latency noise can leave an analysis short of power ("it could only detect
     * 1.15x", or a p99 interval too wide to decide); the rollout then ends INCONCLUSIVE and says why, which is
     * honest, and lab test reports it as not as expected (exit 1).
     */
    private boolean honestNoVerdict(String name) {
        Scenario scenario = ScenarioLoader.load(name);
        return scenario.expect() != RolloutOutcome.INCONCLUSIVE
                && err.contains(">>> " + name + ": INCONCLUSIVE (expected " + scenario.expect().label() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsAsItsScenarioExpects(String name) throws Exception {
        Scenario scenario = ScenarioLoader.load(name);
        String act = act(name);
        String expected = scenario.expect().label();
        String junit = testcase(Files.readString(dir.resolve("junit.xml")), name);
        if (honestNoVerdict(name)) {
            System.out.printf("%s ended INCONCLUSIVE, not %s; its narration:%n%s%n", name, expected, act);
            assertThat(act).as("why no verdict").contains("Not enough evidence yet")
                    .contains("Not promoting without evidence");
            assertThat(out).containsPattern("(?m)^" + name + " +" + expected + " +inconclusive +\\d+s +UNEXPECTED$");
            assertThat(junit).contains("<failure");
        } else {
            assertThat(out).as("lab test's summary; stderr:%n%s", act)
                    .containsPattern("(?m)^" + name + " +" + expected + " +" + expected + " +\\d+s +ok$");
            assertThat(act).contains(">>> " + name + ": " + expected.toUpperCase(Locale.ROOT) + " (as expected)");
            assertThat(junit).doesNotContain("<failure");
        }
        try (var files = Files.list(dir.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(name + "-v")).toList())
                    .as("reports of %s", name).anyMatch(f -> f.endsWith(".html")).anyMatch(f -> f.endsWith(".md"))
                    .anyMatch(f -> f.endsWith(".json"));
        }
        replaysAsRecorded(name, act);
    }

    /** The narration of one scenario: from its "=== Act" line to the next one. */
    private String act(String name) {
        Matcher m = Pattern.compile("(?s)=== Act \\d+/\\d+: [^\\n]* \\(" + Pattern.quote(name) + "\\) ===\\n(.*?)(?==== Act |\\z)")
                .matcher(err);
        assertThat(m.find()).as("the act of %s in lab test's stderr:%n%s", name, err).isTrue();
        return m.group(1);
    }

    /** The scenario's testcase element of the JUnit report. */
    private static String testcase(String junit, String name) {
        Matcher m = Pattern.compile("(?s)<testcase name=\"" + Pattern.quote(name) + "\"[^>]*?(/>|>.*?</testcase>)")
                .matcher(junit);
        assertThat(m.find()).as("testcase %s in%n%s", name, junit).isTrue();
        return m.group();
    }

    /**
     * The report the live run wrote, replayed at full speed with no lab: in under 10 s, every analysis's verdict
     * and sentence and every decision the live run narrated, unchanged.
     */
    private void replaysAsRecorded(String name, String liveErr) throws Exception {
        Path report;
        try (var files = Files.list(dir.resolve("reports"))) {
            report = files.filter(f -> f.getFileName().toString().startsWith(name + "-v")
                    && f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
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
