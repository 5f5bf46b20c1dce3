package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
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

    /**
     * The JVM's first post loads Jetty's client: seconds on a loaded machine, which would make these short rollouts
     * end (and their grace run out) before a hook could answer. A rollout on a busy CI machine with hooks that answer
     * drops nothing once warm; a cold one is what the grace period is for.
     */
    @BeforeAll
    static void warmUpTheWebhookClient() {
        try (HttpStub stub = new HttpStub(r -> 200); WebhookClient client = new WebhookClient()) {
            assertThat(client.post(java.net.URI.create(stub.url("/warm-up")), "{}", java.time.Duration.ofSeconds(30)))
                    .isNull();
        }
    }

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
        assertThat(rec.messages(EventType.WEBHOOK)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains(String.valueOf(closedPort)).contains("the rollout goes on"));
    }

    /** A hook that takes every request and answers none until the test ends. */
    private static HttpStub hanging(CountDownLatch release) {
        return new HttpStub(r -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
    }

    private static List<Thread> webhookThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(WebhookClient.THREAD_PREFIX)).toList();
    }

    @Test
    void aNotificationHookThatNeverAnswersDoesNotHoldTheRollout() {
        CountDownLatch release = new CountDownLatch(1);
        try (HttpStub hook = hanging(release)) {
            FakeRuntime rt = runtime();
            // Its timeout is the longest allowed: posted on the rollout's thread, each event would wait a minute.
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hook.url("/events") + "\n    timeout: 1m\n");
            Rollouts.Recorder rec = new Rollouts.Recorder();
            RolloutRecord r = Rollouts.rollout(rt, s, rec).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            // The hook is still stuck on the first event while the rollout went through every step and promoted.
            assertThat(hook.received()).singleElement().satisfies(req -> assertThat(req.body()).contains("\"start\""));
            assertThat(r.events()).extracting(RolloutRecord.Event::type)
                    .contains(EventType.START, EventType.STEP, EventType.VERDICT, EventType.PROMOTION);
            assertThat(r.events().get(r.events().size() - 1)).satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.WEBHOOK);
                assertThat(e.message()).contains(hook.url("/events")).contains("not sent")
                        .contains("did not answer within the " + Durations.format(Webhooks.GRACE) + " given at the end of the rollout");
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aConfirmPromotionHookStillHoldsThePromotionUntilItAnswers() {
        List<String> callsWhileAsked = new CopyOnWriteArrayList<>();
        FakeRuntime rt = runtime();
        try (HttpStub gate = new HttpStub(req -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            callsWhileAsked.addAll(rt.calls());
            return 200;
        })) {
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + gate.url("/confirm") + "\n    confirmPromotion: true\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            assertThat(callsWhileAsked).as("the runtime's calls when the gate answered, 1.5 s after it was asked")
                    .isNotEmpty().doesNotContain("promote");
            assertThat(rt.calls()).contains("promote");
        }
    }

    @Test
    void aConfirmPromotionHookThatDoesNotAnswerInTimeBlocksThePromotion() {
        CountDownLatch release = new CountDownLatch(1);
        try (HttpStub gate = hanging(release)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + gate.url("/confirm")
                    + "\n    confirmPromotion: true\n    timeout: 300ms\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
            assertThat(r.sentence()).contains("Promotion blocked").contains("did not answer within 300ms");
            assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v1");
        } finally {
            release.countDown();
        }
    }

    @Test
    void failedPostsComeBackAsWarningsOnTheRolloutsOwnThread() {
        try (HttpStub hook = new HttpStub(r -> 503)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hook.url("/events") + "\n");
            Rollouts.Recorder rec = new Rollouts.Recorder();
            Set<Thread> eventThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            RolloutListener threads = new RolloutListener() {
                @Override
                public void event(RolloutRecord.Event event) {
                    eventThreads.add(Thread.currentThread());
                }
            };
            RolloutRecord r = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, s, new Rollout.Settings("test",
                    java.time.Duration.ofSeconds(2), false), RolloutListener.both(rec, threads)).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            // Each answer is a warning; on a loaded machine the last posts may still be waiting when the rollout
            // ends, and then they are dropped with a warning of their own after the grace period.
            assertThat(rec.messages(EventType.WEBHOOK)).anySatisfy(m -> assertThat(m).contains("' event answered 503"))
                    .allSatisfy(m -> assertThat(m).startsWith("webhook " + hook.url("/events") + ": the ")
                            .containsAnyOf("' event answered 503", "not sent: the hook did not answer within the " + Durations.format(Webhooks.GRACE))
                            .endsWith("(the rollout goes on)"));
            assertThat(r.events().stream().filter(e -> e.type() == EventType.WEBHOOK).map(RolloutRecord.Event::message))
                    .as("the record keeps the warnings the listener was told").isEqualTo(rec.messages(EventType.WEBHOOK));
            assertThat(eventThreads).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void noWebhookThreadIsLeftAfterTheRollout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (HttpStub hook = hanging(release); HttpStub gate = new HttpStub(r -> 200)) {
            FakeRuntime rt = runtime();
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hook.url("/events") + "\n"
                    + "  - url: " + gate.url("/confirm") + "\n    confirmPromotion: true\n");
            RolloutRecord r = Rollouts.rollout(rt, s, new Rollouts.Recorder()).run("v2");

            assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
            for (Thread t : webhookThreads()) {
                t.join(2000); // stopped by the end of the rollout; a thread may take a moment to wind down
            }
            assertThat(webhookThreads()).as("webhook threads alive after the rollout").isEmpty();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHookFallingFarBehindHasItsNotificationsDroppedWithAWarning() {
        CountDownLatch release = new CountDownLatch(1);
        try (HttpStub hook = hanging(release)) {
            Strategy s = Rollouts.strategy(STEPS + "  - url: " + hook.url("/events") + "\n    timeout: 1m\n");
            List<String> warnings = new java.util.ArrayList<>();
            try (Webhooks hooks = new Webhooks(s.webhooks(), "test")) {
                for (int i = 0; i < Webhooks.QUEUED_PER_HOOK + 3; i++) {
                    hooks.notify(new RolloutRecord.Event(Instant.now(), EventType.STEP, "step " + i));
                }
                hooks.drainWarnings(warnings::add);
            }
            // one is on its way, QUEUED_PER_HOOK wait, the other two are dropped as they come
            assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w)
                    .contains("the 'step' event dropped: " + Webhooks.QUEUED_PER_HOOK + " notifications are already"));
        } finally {
            release.countDown();
        }
    }
}
