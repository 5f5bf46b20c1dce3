package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.RolloutFeed;
import dev.canarylab.lab.control.RolloutState;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real rollout publishing to a real control server: what the dashboard's rollout panel shows. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RolloutFeedTest {

    private static final String STEPS = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms, lifetime: 600ms}
            steps:
              - setWeight: 20
              - analysis: {}
              - setWeight: 50
            """;

    private static final String PAUSED = """
            strategy: canary
            steps:
              - setWeight: 20
              - pause: {}
            """;

    @TempDir
    Path dir;

    /** Traffic is the fake runtime's own. */
    static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            return "";
        }

        @Override
        public String stop() {
            return "";
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static FakeRuntime runtime() {
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        return rt;
    }

    private ControlClient serve(FakeRuntime rt) {
        server = ControlServer.start(rt, new NoTraffic(), "http://127.0.0.1:9", () -> { }, dir);
        return new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(), "http://127.0.0.1:9",
                server.token(), Instant.now(), null));
    }

    private static RolloutState board(ControlClient client) {
        return ControlClient.parse(client.get("/v1/rollout"), RolloutState.class);
    }

    @Test
    void theLabKeepsTheStrategyVerdictSentencesOutcomeAndReportOfARollback() throws Exception {
        FakeRuntime rt = runtime();
        ControlClient client = serve(rt);
        RolloutFeed feed = new RolloutFeed(client);
        Rollout rollout = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, Rollouts.strategy(STEPS),
                new Rollout.Settings("test: v1 -> v3", Duration.ofSeconds(2), false), feed);
        RolloutRecord record = rollout.run("v3");
        Path report = Files.writeString(dir.resolve("slow-20260101-100000.html"), "<html>report</html>");
        feed.finished(record, report);

        RolloutState s = board(client);
        assertThat(s.strategy()).isEqualTo("canary 'test strategy'");
        assertThat(s.canary()).isEqualTo("v3");
        assertThat(s.stable()).isEqualTo("v1");
        assertThat(s.ended()).isTrue();
        assertThat(s.outcome()).isEqualTo("rolled back");
        assertThat(s.sentence()).isEqualTo(record.sentence());
        assertThat(s.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo("FAIL");
            assertThat(v.sentence()).isEqualTo(record.analyses().get(0).sentence());
        });
        assertThat(s.metrics()).extracting(RolloutState.Metric::metric).containsExactly("latency", "errors");
        assertThat(s.metrics()).filteredOn(m -> m.metric().equals("latency")).singleElement()
                .satisfies(m -> assertThat(m.classification()).isEqualTo("HIGH"));
        assertThat(s.events()).extracting(RolloutState.Event::type).contains("start", "step", "verdict", "rollback");
        assertThat(s.report()).isEqualTo("/lab/reports/slow-20260101-100000.html");
        assertThat(client.get(s.report())).isEqualTo("<html>report</html>");
    }

    @Test
    void theDashboardsAbortStopsTheRunningRolloutAndTrafficGoesBackToStable() throws Exception {
        FakeRuntime rt = runtime();
        ControlClient client = serve(rt);
        RolloutFeed feed = new RolloutFeed(client);
        Rollout rollout = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, Rollouts.strategy(PAUSED),
                new Rollout.Settings("test: v1 -> v3", Duration.ofSeconds(2), false), feed);
        feed.onAbort(rollout::abort);
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v3"));
        while (!client.get("/v1/status").contains("\"canary\"") || !rt.calls().contains("setWeight 20")) {
            Thread.sleep(50);
        }
        Thread.sleep(600); // the feed has sent the pause
        client.post("/v1/rollout/abort", new ControlServer.AbortRequest("the speaker pressed abort"),
                Duration.ofSeconds(2));

        RolloutRecord record = run.get(10, TimeUnit.SECONDS);
        assertThat(record.outcome()).isEqualTo(RolloutOutcome.ABORTED);
        assertThat(record.sentence()).contains("the speaker pressed abort");
        assertThat(rt.versionOn(Track.CANARY)).isNull();
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(100);
    }

    @Test
    void aLabThatDoesNotAnswerNeitherSlowsNorBreaksTheRollout() {
        FakeRuntime rt = runtime();
        ControlClient gone = new ControlClient(new LabState(ProcessHandle.current().pid(), "http://127.0.0.1:9",
                "http://127.0.0.1:9", "nope", Instant.now(), null));
        RolloutFeed feed = new RolloutFeed(gone);
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        long start = System.nanoTime();
        RolloutRecord record = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, Rollouts.strategy(STEPS),
                new Rollout.Settings("test: v1 -> v3", Duration.ofSeconds(2), false),
                RolloutListener.both(recorder, feed)).run("v3");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(record.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(recorder.analysed).hasSize(1);
        assertThat(seconds).as("the same rollout without a feed takes about a second").isLessThan(5);
        feed.finished(record, null);
        assertThat(feed.lastError()).contains("does not answer");
    }

    @Test
    void bothTellsEachListenerEverythingInOrder() {
        Rollouts.Recorder a = new Rollouts.Recorder();
        Rollouts.Recorder b = new Rollouts.Recorder();
        RolloutRecord.Event e = new RolloutRecord.Event(Instant.now(), EventType.STEP, "step 1/1: setWeight 20");
        RolloutListener.both(a, b).event(e);
        assertThat(a.events).containsExactly(e);
        assertThat(b.events).containsExactly(e);
        assertThat(List.of(a.ticks, b.ticks)).allSatisfy(t -> assertThat(t).isEmpty());
    }
}
