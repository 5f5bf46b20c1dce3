package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab replay} on {@code slow-release-ci.json}, the report of a real {@code lab test slow-release --pace ci}
 * run: the narration of the recorded run from the report alone, and one line per difference when today's judge
 * decides otherwise than the one that recorded it.
 */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private Path report() throws IOException {
        Path file = dir.resolve("slow-release.json");
        try (InputStream in = getClass().getResourceAsStream("/replay/slow-release-ci.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void aRecordedRolloutIsNarratedAgainWithItsVerdicts() throws IOException {
        Run r = Run.lab("replay", report().toString(), "--speed", "max");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("v3 is slower (latency): mean 46 ms vs 3.52 ms on v1").contains("Rolling back");
        assertThat(r.err())
                .contains("[   2s] 10% of traffic to v3, 10% to the baseline, 80% to stable v1.")
                .contains("[  12s]   background analysis look 2: FAIL (latency HIGH, tail-latency HIGH")
                .contains("[  12s] shadow   background analysis, look 2: Kayenta: PASS")
                .contains("[  12s] verdict  background analysis: v3 is slower (latency)")
                .contains("[  12s] ROLLBACK v3 is slower")
                .contains("Replay done: 1 analysis judged again, every verdict and sentence as recorded.")
                .doesNotContainPattern("(?m)^lab: ");
    }

    @Test
    void aReportFromAnotherJudgeIsToldOneLinePerDifference() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path file = report();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ObjectNode look = (ObjectNode) root.at("/analyses/0/looks/1");
        look.put("verdict", "PASS").put("score", 100.0);
        ((ObjectNode) root.at("/analyses/0")).put("sentence", "v3 behaves like v1.");
        Files.writeString(file, json.writeValueAsString(root));

        Run r = Run.lab("replay", file.toString(), "--speed", "max");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.REPLAY_DIFFERS);
        List<String> lines = Arrays.stream(r.err().split("\n")).filter(l -> l.startsWith("lab: ")).toList();
        assertThat(lines).containsExactly(
                "lab: replay differs: background analysis, look 2: recorded PASS (score 100), replayed FAIL (score 0)",
                "lab: replay differs: background analysis: recorded \"v3 behaves like v1.\", replayed \""
                        + json.readTree(report().toFile()).at("/analyses/0/sentence").asText() + "\"",
                "lab: 2 differences from the recording: this lab's judge decides otherwise than the one that recorded it");
    }

    @Test
    void aReplayAtTenTimesTheSpeedStillTakesATenthOfTheRecordedTime() throws IOException {
        // only a lower bound: a busy machine may replay slower, never faster than the recording allows
        long start = System.nanoTime();
        Run r = Run.lab("replay", report().toString(), "--speed", "10");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(seconds).isGreaterThan(1.2); // the recording runs 12.5 s from its start to its rollback
    }
}
