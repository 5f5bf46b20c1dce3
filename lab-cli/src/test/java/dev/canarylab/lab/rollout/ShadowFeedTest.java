package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.RolloutFeed;
import dev.canarylab.lab.control.RolloutState;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shadow verdicts a rollout's feed sends to the lab, for the dashboard's Shadow judges table (shadow.js). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShadowFeedTest {

    private static final String STEPS = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms, lifetime: 600ms}
            steps:
              - setWeight: 20
              - analysis: {}
            """;

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDashboardGetsEveryLooksShadowVerdictsWithTheDisagreementMarked() {
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        server = ControlServer.start(rt, new RolloutFeedTest.NoTraffic(), "http://127.0.0.1:9", () -> { }, dir);
        ControlClient client = new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:9", server.token(), Instant.now(), null));
        RolloutFeed feed = new RolloutFeed(client);
        RolloutRecord record = new Rollout(rt, rt.metricSource(), Rollouts.CONFIG, Rollouts.strategy(STEPS),
                new Rollout.Settings("test: v1 -> v3", Duration.ofSeconds(2), false), feed).run("v3");
        feed.finished(record, null);

        RolloutState s = ControlClient.parse(client.get("/v1/rollout"), RolloutState.class);
        RolloutRecord.Analysis a = record.analyses().get(0);
        assertThat(s.shadow()).extracting(RolloutState.Shadow::look)
                .containsExactlyElementsOf(a.looks().stream().map(RolloutRecord.Look::number).toList());
        assertThat(s.shadow()).allSatisfy(look -> assertThat(look.judges()).extracting(RolloutState.ShadowJudge::judge)
                .containsExactly("Kayenta", "Flagger", "Argo"));
        RolloutState.Shadow failed = s.shadow().get(s.shadow().size() - 1);
        assertThat(failed.lab()).isEqualTo(Verdict.FAIL.name());
        assertThat(failed.judges().get(1)).satisfies(flagger -> {
            assertThat(flagger.verdict()).isEqualTo("PASS");
            assertThat(flagger.disagrees()).isTrue();
            assertThat(flagger.reason()).contains("<= 500 ms");
        });
    }
}
