package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.report.RolloutJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden verdicts: {@code slow-release-ci.json} is the report of a real run, {@code lab test slow-release --pace ci}
 * on the local runtime (its background analysis failed v3 on latency and tail-latency at the second look). Replaying it
 * judges each look again with today's judge; the verdicts and sentences must be the recorded ones.
 */
class ReplayTest {

    static String recorded() throws IOException {
        try (InputStream in = ReplayTest.class.getResourceAsStream("/replay/slow-release-ci.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordedRolloutReplaysWithItsVerdictsAndDecisionSentences() throws IOException {
        RolloutRecord recorded = RolloutJson.read(recorded());
        List<String> looks = new ArrayList<>();
        RolloutListener watcher = new RolloutListener() {
            @Override
            public void look(String analysis, Judgement j) {
                looks.add(analysis + " " + j.look().number() + " " + j.verdict());
            }
        };

        Replay.Result result = new Replay(recorded, Double.POSITIVE_INFINITY, watcher, Replay.clockOf(recorded)).run();

        assertThat(result.differences()).isEmpty();
        assertThat(looks).containsExactly("background analysis 1 INCONCLUSIVE", "background analysis 2 FAIL");
        assertThat(result.analyses()).extracting(RolloutRecord.Analysis::verdict)
                .containsExactlyElementsOf(recorded.analyses().stream().map(RolloutRecord.Analysis::verdict).toList());
        assertThat(result.analyses()).extracting(RolloutRecord.Analysis::sentence)
                .containsExactlyElementsOf(recorded.analyses().stream().map(RolloutRecord.Analysis::sentence).toList());
        assertThat(decisions(result.events())).isNotEmpty().containsExactlyElementsOf(decisions(recorded.events()));
    }

    @Test
    void theReplayJudgesTheSamplesAgainRatherThanCopyingTheVerdict() throws IOException {
        // Allow any rise of latency and tail-latency, which failed v3: a judge that re-reads the samples must now
        // decide otherwise.
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(recorded());
        for (String name : List.of("latency", "tail-latency")) {
            ObjectNode metric = (ObjectNode) root.at("/analyses/0/setup/config/metrics/" + (name.equals("latency") ? 0 : 1));
            assertThat(metric.get("name").asText()).isEqualTo(name);
            metric.put("allowedIncrease", 1e9).put("criticalIncrease", 1e9).put("allowedAbsoluteIncrease", 1e9);
            if (metric.get("bound").isObject()) {
                ((ObjectNode) metric.get("bound")).put("max", 1e9);
            }
        }
        RolloutRecord edited = RolloutJson.read(json.writeValueAsString(root));

        Replay.Result result = new Replay(edited, Double.POSITIVE_INFINITY, new RolloutListener() { },
                Replay.clockOf(edited)).run();

        assertThat(result.differences()).isNotEmpty()
                .anySatisfy(d -> assertThat(d).startsWith("background analysis, look 2: recorded FAIL (score 0), replayed"));
        assertThat(result.analyses().get(0).verdict()).isNotEqualTo(edited.analyses().get(0).verdict());
    }

    static List<String> decisions(List<RolloutRecord.Event> events) {
        return events.stream().filter(e -> e.type().decision()).map(RolloutRecord.Event::message).toList();
    }
}
