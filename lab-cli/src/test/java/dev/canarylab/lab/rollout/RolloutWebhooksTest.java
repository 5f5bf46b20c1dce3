package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RolloutWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String STEPS = """
            strategy: canary
            analysis: {interval: 150ms, lifetime: 600ms}
            steps:
              - setWeight: 20
              - analysis: {}
            webhooks:
            """;

    private static FakeRuntime runtime() {
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        return rt;
    }

    private static List<JsonNode> bodies(HttpStub stub, String path) {
        return stub.received().stream().filter(r -> r.path().equals(path)).map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }).toList();
    }

    @Test
    void aConfirmPromotionHookAnswering500BlocksThePromotion() {
        try (HttpStub hooks = new HttpStub(r -> r.path().equals("/confirm") ? 500 : 200)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hooks.url("/confirm") + "\n    confirmPromotion: true\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
            assertThat(r.sentence()).contains("Promotion blocked").contains("answered 500");
            assertThat(rt.calls()).doesNotContain("promote").contains("rollback");
            assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v1");
            assertThat(bodies(hooks, "/confirm")).singleElement()
                    .satisfies(b -> assertThat(b.get("type").asText()).isEqualTo("confirm-promotion"));
        }
    }

    @Test
    void aConfirmPromotionHookAnswering200LetsThePromotionGoOn() {
        try (HttpStub hooks = new HttpStub(r -> 204)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hooks.url("/confirm") + "\n    confirmPromotion: true\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            assertThat(hooks.received()).hasSize(1);
        }
    }

    @Test
    void notificationHooksReceiveEveryEventAsJson() {
        try (HttpStub hooks = new HttpStub(r -> 200)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hooks.url("/events") + "\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            assertThat(hooks.received()).allSatisfy(req -> {
                assertThat(req.method()).isEqualTo("POST");
                assertThat(req.contentType()).isEqualTo("application/json");
            });
            List<JsonNode> events = bodies(hooks, "/events");
            assertThat(events).extracting(b -> b.get("type").asText())
                    .contains("start", "step", "verdict", "promotion")
                    .doesNotContain("rollback");
            assertThat(events).allSatisfy(b -> {
                assertThat(b.get("rollout").asText()).isEqualTo("test: v1 -> new");
                assertThat(b.get("time").asText()).isNotBlank();
            });
            JsonNode promotion = events.stream().filter(b -> b.get("type").asText().equals("promotion"))
                    .findFirst().orElseThrow();
            assertThat(promotion.get("message").asText()).isEqualTo(r.sentence());
        }
    }

    @Test
    void aRollbackIsPostedToHooksThatAskedOnlyForRollbacksAndVerdicts() {
        try (HttpStub hooks = new HttpStub(r -> 200)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hooks.url("/events") + "\n"
                    + "    events: [verdict, rollback]\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v3");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
            List<JsonNode> events = bodies(hooks, "/events");
            assertThat(events).extracting(b -> b.get("type").asText()).containsExactly("verdict", "rollback");
            assertThat(events.get(1).get("message").asText()).contains("v3 is slower").contains("Rolling back");
        }
    }

    @Test
    void anUnreachableNotificationHookDoesNotBreakTheRollout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FakeRuntime rt = runtime();
        Strategy s = Rollouts.strategy(STEPS + "  - url: http://127.0.0.1:" + closedPort + "/hook\n");
        Rollouts.Recorder rec = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, s, rec).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v2");
        assertThat(rec.messages("webhook")).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains(String.valueOf(closedPort)).contains("the rollout goes on"));
    }
}
