package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.Track;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The routing steps (setHeaderRoute, setMirrorRoute, sessionAffinity) against a fake runtime. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RolloutRoutesTest {

    private static final String AB = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms}
            steps:
              - setHeaderRoute:
                  name: beta
                  match:
                    - headerName: X-Beta
                      headerValue: {exact: "on"}
              - setHeaderRoute:
                  name: control
                  track: baseline
                  match:
                    - headerName: X-Beta
                      headerValue: {exact: "off"}
              - analysis: {iterations: 4}
            """;

    private static final String DARK = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms, lifetime: 600ms}
            steps:
              - setMirrorRoute: {name: dark, percentage: 50}
              - analysis: {}
              - setMirrorRoute: {name: dark}
              - setWeight: 20
              - analysis: {}
            """;

    private static FakeRuntime runtime() {
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v2", Profile.healthy());
        rt.traffic().profile("v4", Profile.healthy().failing(0.05));
        return rt;
    }

    private static void assertNoRoutesLeft(FakeRuntime rt) {
        Routing routing = rt.status().routing();
        assertThat(routing.rules()).isEmpty();
        assertThat(routing.mirror().on()).isFalse();
        assertThat(routing.affinity()).isNull();
    }

    private static String routeEvents(Rollouts.Recorder recorder) {
        return String.join("\n", recorder.events.stream().filter(e -> e.type() == EventType.ROUTE)
                .map(RolloutRecord.Event::message).toList());
    }

    @Test
    void anAbTestSendsOnlyMatchingRequestsToTheCanaryAndItsControlGroupToTheBaselineThenPromotesWithoutRoutes() {
        FakeRuntime rt = runtime();
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(AB), recorder).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v2 canary 1",
                "setRoute beta: header X-Beta = on -> canary", "setRoute control: header X-Beta = off -> baseline",
                "removeRoute beta", "removeRoute control", "promote");
        assertThat(r.analyses()).singleElement().satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.PASS);
            assertThat(a.baseline()).isEqualTo(Track.BASELINE);
        });
        assertThat(routeEvents(recorder)).contains(
                "Requests with `X-Beta: on` go to v2; everyone else stays on v1 (like setHeaderRoute beta).",
                "Requests with `X-Beta: off` go to the baseline (a fresh v1); everyone else stays on v1",
                "Routes removed: header route beta, header route control.");
        assertThat(rt.versionOn(Track.STABLE)).isEqualTo("v2");
        assertNoRoutesLeft(rt);
    }

    @Test
    void aDarkLaunchOfAFailingVersionIsRolledBackOnMirroredCopiesBeforeAnyUserIsSentToIt() {
        FakeRuntime rt = runtime();
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(DARK), recorder).run("v4");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v4 canary 1", "setMirror 50",
                "setMirror 0", "rollback");
        assertThat(r.analyses()).singleElement().satisfies(a -> assertThat(a.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(routeEvents(recorder)).contains("v4 gets a copy of 50% of v1's requests, and the baseline the"
                + " same copies; their answers go nowhere (like setMirrorRoute dark).", "Routes removed: mirroring.");
        assertThat(rt.versionOn(Track.CANARY)).isNull();
        assertNoRoutesLeft(rt);
    }

    @Test
    void aDarkLaunchOfAHealthyVersionStopsMirroringBeforeItsFirstWeightAndIsPromoted() {
        FakeRuntime rt = runtime();
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy(DARK), new Rollouts.Recorder()).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v2 canary 1", "setMirror 50",
                "setMirror 0", "setWeight 20", "promote");
        assertThat(r.analyses()).extracting(RolloutRecord.Analysis::verdict).containsExactly(Verdict.PASS,
                Verdict.PASS);
        assertNoRoutesLeft(rt);
    }

    @Test
    void anAbortInTheMiddleRemovesTheRoutesAndTheAffinityBeforeTrafficGoesBackToStable() throws Exception {
        FakeRuntime rt = runtime();
        Strategy s = Rollouts.strategy("""
                strategy: canary
                sessionAffinity: {cookieName: lab-track, maxAge: 1h}
                steps:
                  - setHeaderRoute:
                      name: beta
                      match: [{cookieName: beta, cookieValue: {prefix: "y"}}]
                  - setWeight: 10
                  - pause: {}
                """);
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        Rollout rollout = Rollouts.rollout(rt, s, recorder);
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        while (!rt.calls().contains("setWeight 10")) {
            Thread.sleep(20);
        }
        assertThat(rt.status().routing().rules()).hasSize(1);
        assertThat(rt.status().routing().affinity()).isNotNull();
        rollout.abort("Ctrl-C");
        RolloutRecord r = run.get(3, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.ABORTED);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v2 canary 1",
                "setAffinity lab-track 3600", "setRoute beta: cookie beta ^= y -> canary", "setWeight 10",
                "removeRoute beta", "clearAffinity", "rollback");
        assertThat(routeEvents(recorder)).contains("Session affinity: cookie lab-track keeps each client on the"
                + " version that first served it, for 1h (like Flagger's sessionAffinity).",
                "Requests with cookie `beta` starting with `y` go to v2; everyone else stays on v1",
                "Routes removed: header route beta, session affinity.");
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(100);
        assertNoRoutesLeft(rt);
    }

    @Test
    void aRouteRemovedByAStepIsNotRemovedAgainAtTheEnd() {
        FakeRuntime rt = runtime();
        Rollouts.Recorder recorder = new Rollouts.Recorder();
        RolloutRecord r = Rollouts.rollout(rt, Rollouts.strategy("""
                strategy: canary
                steps:
                  - setWeight: 20
                  - setHeaderRoute:
                      name: beta
                      match: [{headerName: X-Beta, headerValue: {regex: "on|yes"}}]
                  - setHeaderRoute: {name: beta}
                """), recorder).run("v2");

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(rt.calls()).containsExactly("deploy v1 baseline 1", "deploy v2 canary 1", "setWeight 20",
                "setRoute beta: header X-Beta ~ on|yes -> canary", "removeRoute beta", "promote");
        assertThat(routeEvents(recorder)).contains("Requests with `X-Beta` matching `on|yes` go to v2; everyone else"
                + " follows the weights (20% to v2)", "Route beta removed: requests with `X-Beta` matching `on|yes`"
                + " follow the weights again (20% to v2).").doesNotContain("Routes removed");
    }

    @Test
    void aPromotionFromOutsideLeavesNoRouteAndTriesNoRemovalTheRuntimeAlreadyDid() throws Exception {
        FakeRuntime rt = runtime();
        Rollout rollout = Rollouts.rollout(rt, Rollouts.strategy("""
                strategy: canary
                baseline: false
                steps:
                  - setHeaderRoute:
                      name: beta
                      match: [{headerName: X-Beta, headerValue: {exact: "on"}}]
                  - pause: {}
                """), new Rollouts.Recorder());
        CompletableFuture<RolloutRecord> run = CompletableFuture.supplyAsync(() -> rollout.run("v2"));
        while (rt.status().routing().rules().isEmpty()) {
            Thread.sleep(20);
        }
        rt.promote();
        RolloutRecord r = run.get(3, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(r.events()).noneMatch(e -> e.type() == EventType.RESTORE_FAILED);
        assertThat(rt.calls()).doesNotContain("removeRoute beta");
        assertNoRoutesLeft(rt);
    }
}
