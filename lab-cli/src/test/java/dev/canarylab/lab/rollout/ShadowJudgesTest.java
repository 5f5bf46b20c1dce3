package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.RecordedTraffic;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.runtime.Track;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shadow judges of a live analysis and the contenders of {@code lab evaluate} on identical samples: a seeded
 * simulated trial, judged once as recordings by {@code lab evaluate}'s contenders and once look by look the way a
 * live analysis reads it (its metric source, the live sampler, {@link ShadowJudges}).
 */
class ShadowJudgesTest {

    private static final CanaryConfig CONFIG = ConfigLoader.defaults();
    private static final List<String> JUDGES = List.of("Kayenta", "Flagger", "Argo");

    /** Per judge, the verdict and time at which the live look-by-look judging ends, as lab evaluate reports them. */
    private static Map<String, RecordedTraffic.Ended> live(RecordedTraffic traffic) {
        AnalysisPlan plan = CONFIG.plan();
        ShadowSampler sampler = new ShadowSampler(traffic, CONFIG, RecordedTraffic.START);
        ShadowJudges judges = new ShadowJudges(CONFIG);
        Map<String, RecordedTraffic.Ended> ended = new LinkedHashMap<>();
        List<ShadowVerdict> last = List.of();
        for (int k = 1; k <= plan.looks(); k++) {
            double at = plan.lookSeconds(k);
            LookSamples samples = sampler.sample(k, at, plan.windowStartSeconds(at), Track.BASELINE, Track.CANARY,
                    null);
            last = judges.judge(samples);
            for (ShadowVerdict v : last) {
                if (v.stops()) {
                    ended.putIfAbsent(v.judge(), new RecordedTraffic.Ended(Verdict.FAIL, at));
                }
            }
        }
        for (ShadowVerdict v : last) {
            // at the end Kayenta keeps its last verdict (a MARGINAL is an alarm); Flagger and Argo pass unless stopped
            ended.putIfAbsent(v.judge(), new RecordedTraffic.Ended(v.judge().equals("Kayenta") ? v.verdict()
                    : Verdict.PASS, plan.lookSeconds(plan.looks())));
        }
        return ended;
    }

    @Test
    void liveShadowJudgesEndLikeLabEvaluatesContendersOnTheSameSamples() {
        int stopped = 0;
        for (String scenario : List.of("A/A (no change)", "latency +50%", "tail: 30% of requests +250 ms",
                "tail: 10% of requests 20x", "errors 0.5% -> 3%")) {
            for (long seed = 1; seed <= 3; seed++) {
                RecordedTraffic traffic = RecordedTraffic.of(scenario, seed, 10, 180);
                Map<String, RecordedTraffic.Ended> live = live(traffic);
                for (String judge : JUDGES) {
                    RecordedTraffic.Ended evaluated = traffic.evaluate(judge, CONFIG);
                    assertThat(live.get(judge)).as(scenario + ", seed " + seed + ", " + judge).isEqualTo(evaluated);
                    stopped += evaluated.verdict() == Verdict.FAIL ? 1 : 0;
                }
            }
        }
        // the comparison covers rollbacks as well as passes
        assertThat(stopped).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aShadowPassAgainstALabFailDisagreesButAnOpenLabLookDoesNotUntilTheLast() {
        ShadowVerdict pass = new ShadowVerdict("Flagger", Verdict.PASS, false, "success rate 100% >= 99%");
        assertThat(ShadowJudges.disagrees(pass, Verdict.FAIL, false, false)).isTrue();
        assertThat(ShadowJudges.disagrees(pass, Verdict.PASS, false, false)).isFalse();
        assertThat(ShadowJudges.disagrees(pass, Verdict.INCONCLUSIVE, false, false)).isFalse();
        assertThat(ShadowJudges.disagrees(pass, Verdict.INCONCLUSIVE, true, false)).isTrue();
    }

    @Test
    void aShadowRollbackDisagreesWhenItHappensAndAgainOnlyAtTheLastLook() {
        ShadowVerdict halt = new ShadowVerdict("Flagger", Verdict.FAIL, false, "p99 600 ms > 500 ms");
        ShadowVerdict rollback = new ShadowVerdict("Flagger", Verdict.FAIL, true, "rollback");
        assertThat(ShadowJudges.disagrees(halt, Verdict.INCONCLUSIVE, false, false)).isFalse();
        assertThat(ShadowJudges.disagrees(halt, Verdict.PASS, false, false)).isTrue();
        assertThat(ShadowJudges.disagrees(rollback, Verdict.INCONCLUSIVE, false, false)).isTrue();
        assertThat(ShadowJudges.disagrees(rollback, Verdict.INCONCLUSIVE, false, true)).isFalse();
        assertThat(ShadowJudges.disagrees(rollback, Verdict.PASS, true, true)).isTrue();
        assertThat(ShadowJudges.disagrees(rollback, Verdict.FAIL, true, true)).isFalse();
    }
}
