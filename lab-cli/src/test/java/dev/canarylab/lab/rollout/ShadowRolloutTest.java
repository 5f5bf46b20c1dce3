package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.report.RolloutJson;
import dev.canarylab.lab.rollout.FakeTraffic.Profile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A live rollout's shadow judges: told where they disagree, and recorded per look in the JSON report. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ShadowRolloutTest {

    private static final String STEPS = """
            strategy: canary
            baseline: true
            analysis: {interval: 150ms, lifetime: 600ms}
            steps:
              - setWeight: 20
              - analysis: {}
            """;

    /** v3 1.6x slower than v1 (median 64 ms vs 40 ms, p99 far below 500 ms), both failing 0.2% of requests. */
    private static RolloutRecord slowRelease() {
        FakeRuntime rt = new FakeRuntime("v1", 20_000);
        rt.traffic().profile("v1", Profile.healthy());
        rt.traffic().profile("v3", Profile.healthy().slower(1.6));
        return Rollouts.rollout(rt, Rollouts.strategy(STEPS), new Rollouts.Recorder()).run("v3");
    }

    @Test
    void everyLookOfTheJsonReportHoldsTheThreeShadowVerdictsAndWhatTheyJudged() throws Exception {
        RolloutRecord r = slowRelease();
        JsonNode json = new ObjectMapper().readTree(RolloutJson.render(r));

        JsonNode looks = json.at("/analyses/0/looks");
        assertThat(looks.size()).isPositive();
        for (JsonNode look : looks) {
            assertThat(look.get("shadow").findValuesAsText("judge")).containsExactly("Kayenta", "Flagger", "Argo");
            assertThat(look.get("shadow").findValuesAsText("reason")).allSatisfy(reason -> assertThat(reason).isNotBlank());
            assertThat(look.at("/shadowSamples/number").asInt()).isEqualTo(look.get("number").asInt());
            assertThat(look.at("/shadowSamples/steps").has("latency")).isTrue();
            assertThat(look.at("/shadowSamples/last/requests").asLong()).isPositive();
        }
    }

    @Test
    void judgingTheRecordedSamplesAgainGivesTheRecordedShadowVerdicts() {
        RolloutRecord live = slowRelease();
        RolloutRecord read = RolloutJson.read(RolloutJson.render(live));

        for (int i = 0; i < read.analyses().size(); i++) {
            RolloutRecord.Analysis a = read.analyses().get(i);
            assertThat(a.looks()).extracting(RolloutRecord.Look::shadowSamples)
                    .containsExactlyElementsOf(live.analyses().get(i).looks().stream()
                            .map(RolloutRecord.Look::shadowSamples).toList());
            ShadowJudges again = new ShadowJudges(Rollouts.CONFIG);
            for (RolloutRecord.Look look : a.looks()) {
                assertThat(again.judge(look.shadowSamples())).as(a.name() + " look " + look.number())
                        .isEqualTo(look.shadow());
            }
        }
    }

    @Test
    void flaggerPassingASlowCanaryThatTheLabFailsIsToldWithBothReasons() {
        RolloutRecord r = slowRelease();

        RolloutRecord.Look failed = r.analyses().get(0).looks().stream().filter(l -> l.verdict() == Verdict.FAIL)
                .findFirst().orElseThrow();
        ShadowVerdict flagger = failed.shadow().get(1);
        assertThat(flagger.verdict()).isEqualTo(Verdict.PASS);
        assertThat(flagger.reason()).startsWith("success rate ").contains("% >= 99%, p99 ").endsWith(" ms <= 500 ms");
        List<String> told = r.events().stream().filter(e -> e.type() == EventType.SHADOW)
                .map(RolloutRecord.Event::message).toList();
        assertThat(told).anySatisfy(line -> assertThat(line)
                .startsWith("step 2 analysis, look " + failed.number() + ": ")
                .contains("Flagger: PASS (" + flagger.reason() + ")")
                .contains("; canary-lab: FAIL, v3 is slower (latency)"));
        // looks where the lab has not decided and the shadows pass are not told
        assertThat(told).hasSizeLessThanOrEqualTo(1 + (int) r.analyses().get(0).looks().stream()
                .filter(l -> l.verdict() != Verdict.INCONCLUSIVE).count());
    }

    @Test
    void aReplayJudgesTheShadowsAgainShowsThemAndSaysWhenARecordedOneDiffers() {
        RolloutRecord live = RolloutJson.read(RolloutJson.render(slowRelease()));
        List<RolloutListener.Shadows> shown = new java.util.ArrayList<>();
        RolloutListener listener = new RolloutListener() {
            @Override
            public void shadowed(Shadows shadows) {
                shown.add(shadows);
            }
        };
        Replay.Result same = new Replay(live, Double.POSITIVE_INFINITY, listener, Replay.clockOf(live)).run();
        assertThat(same.differences()).isEmpty();
        assertThat(shown).hasSize(live.analyses().get(0).looks().size());
        assertThat(shown.get(shown.size() - 1).verdicts()).extracting(ShadowVerdict::judge)
                .containsExactly("Kayenta", "Flagger", "Argo");

        // a report whose Flagger verdict says FAIL where today's Flagger rules pass
        RolloutRecord.Analysis a = live.analyses().get(0);
        RolloutRecord.Look first = a.looks().get(0);
        List<ShadowVerdict> edited = new java.util.ArrayList<>(first.shadow());
        ShadowVerdict f = edited.get(1);
        edited.set(1, new ShadowVerdict(f.judge(), Verdict.FAIL, f.stops(), f.reason()));
        List<RolloutRecord.Look> looks = new java.util.ArrayList<>(a.looks());
        looks.set(0, new RolloutRecord.Look(first.time(), first.number(), first.verdict(), first.score(),
                first.input(), edited, first.shadowSamples()));
        RolloutRecord.Analysis changed = new RolloutRecord.Analysis(a.name(), a.baseline(), a.canary(), a.started(),
                a.ended(), a.verdict(), a.sentence(), a.judgement(), looks, a.queries(), a.notes(), a.setup());
        List<RolloutRecord.Analysis> analyses = new java.util.ArrayList<>(live.analyses());
        analyses.set(0, changed);
        RolloutRecord other = new RolloutRecord(live.title(), live.strategy(), live.stableVersion(),
                live.canaryVersion(), live.source(), live.started(), live.ended(), live.outcome(), live.sentence(),
                live.steps(), analyses, live.timeline(), live.events(), live.judgedWith());
        Replay.Result differs = new Replay(other, Double.POSITIVE_INFINITY, new RolloutListener() { },
                Replay.clockOf(other)).run();
        assertThat(differs.differences()).singleElement().asString()
                .startsWith(a.name() + ", look " + first.number() + ": recorded shadow judges ")
                .contains("Flagger: FAIL").contains("Flagger: PASS");
    }
}
