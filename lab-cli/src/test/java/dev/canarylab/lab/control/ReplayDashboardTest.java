package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.report.RolloutJson;
import dev.canarylab.lab.rollout.Replay;
import dev.canarylab.lab.rollout.ReplayClock;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code lab replay --dashboard}: the recorded slow-release ({@code slow-release-ci.json}, a real ci-pace run) fed to
 * a dashboard on loopback as a live rollout feeds its lab's, with no lab behind it.
 */
class ReplayDashboardTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDashboardShowsTheReplayedRolloutAndItsTracksWithNoLab() throws Exception {
        RolloutRecord record;
        try (InputStream in = getClass().getResourceAsStream("/replay/slow-release-ci.json")) {
            record = RolloutJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ReplayClock clock = Replay.clockOf(record);
        try (ReplayDashboard board = ReplayDashboard.start(record, clock)) {
            assertThat(board.url()).startsWith("http://127.0.0.1:");
            Replay.Result result = new Replay(record, Double.POSITIVE_INFINITY, board.feed(), clock).run();
            board.finished(record);

            JsonNode snapshot = get(board, "/v1/dashboard/snapshot").get("rollout");
            assertThat(snapshot.get("ended").asBoolean()).isTrue();
            assertThat(snapshot.get("sentence").asText()).isEqualTo(record.sentence());
            assertThat(snapshot.get("verdicts")).hasSize(1);
            assertThat(snapshot.at("/verdicts/0/verdict").asText()).isEqualTo("FAIL");
            assertThat(snapshot.at("/verdicts/0/sentence").asText()).isEqualTo(result.analyses().get(0).sentence());
            assertThat(snapshot.get("strategy").asText()).isEqualTo("canary 'canary'");
            JsonNode status = get(board, "/v1/status");
            assertThat(status.get("tracks").findValuesAsText("version")).containsExactly("v1", "v1", "v3");
        }
    }

    @Test
    void aReplaysDashboardChangesNothing() throws Exception {
        RolloutRecord record;
        try (InputStream in = getClass().getResourceAsStream("/replay/slow-release-ci.json")) {
            record = RolloutJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (ReplayDashboard board = ReplayDashboard.start(record, Replay.clockOf(record))) {
            HttpResponse<String> r = http.send(request(board, "/v1/weight")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"percent\": 50}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("this is a replay of a recorded rollout: there is no lab to change");
        }
    }

    private HttpRequest.Builder request(ReplayDashboard board, String path) {
        String url = board.url();
        String token = url.substring(url.indexOf("token=") + 6);
        return HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf("/lab/")) + path))
                .header("Authorization", "Bearer " + token);
    }

    private JsonNode get(ReplayDashboard board, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(board, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
