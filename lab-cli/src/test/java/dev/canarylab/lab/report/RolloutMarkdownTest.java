package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RolloutMarkdownTest {

    @Test
    void theOutcomeAndItsSentenceComeFirst() {
        String md = RolloutMarkdown.render(RolloutFixtures.slowRelease());
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("# slow-release: v1 -\\> v3");
        assertThat(lines.get(2)).isEqualTo(
                "**ROLLED BACK**: v3 answers 30% of requests 250 ms slower. Rolling back: 100% of traffic to v1.");
    }

    @Test
    void everyMetricIsARowWithItsEvidence() {
        RolloutRecord record = RolloutFixtures.slowRelease();
        String md = RolloutMarkdown.render(record);
        String latencyRow = md.lines().filter(l -> l.startsWith("| latency (critical) |")).findFirst().orElseThrow();
        String[] cells = latencyRow.split("(?<!\\\\)\\|");
        // leading empty cell, then the nine columns
        assertThat(cells).hasSize(10);
        assertThat(cells[3].trim()).isEqualTo("HIGH");
        assertThat(cells[4].trim()).isEqualTo("mann-whitney");
        assertThat(cells[5].trim()).startsWith("3000 / ");
        // the brackets are escaped so that Markdown shows them instead of reading a link
        assertThat(cells[7].trim()).matches("1\\.\\d\\dx \\\\\\[1\\.\\d\\dx - 1\\.\\d\\dx\\\\\\]");
        assertThat(cells[8].trim()).isEqualTo("3.7e-93");
        // one header, one separator and seven metrics per analysis, two analyses
        assertThat(md.lines().filter(l -> l.startsWith("| ") && l.contains(" / ")).count()).isEqualTo(2 + 14);
        assertThat(md).contains("## step 2 analysis: FAIL").contains("## background analysis: INCONCLUSIVE")
                .contains(RolloutMarkdown.inline(record.analyses().get(0).sentence()));
    }

    @Test
    void aPassWithoutDataForSomeMetricsNamesThemInMarkdownAndHtml() {
        // The default config's payload-size and cpu have no data: Kayenta's scoring leaves them out and passes.
        SplittableRandom random = new SplittableRandom(9);
        double[] baseline = new double[3000];
        double[] canary = new double[3000];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 50 * Math.exp(0.45 * random.nextGaussian());
            canary[i] = 50 * Math.exp(0.45 * random.nextGaussian());
        }
        Map<String, TrackPair> data = new HashMap<>();
        data.put("latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary)));
        data.put("tail-latency", new TrackPair(MetricData.values(baseline), MetricData.values(canary)));
        data.put("errors", new TrackPair(MetricData.counts(3000, 6), MetricData.counts(3000, 6)));
        data.put("heap", new TrackPair(MetricData.values(80, 81, 79, 80, 82, 80, 81, 79, 80, 81, 80, 79),
                MetricData.values(80, 80, 81, 79, 80, 82, 79, 80, 81, 80, 79, 81)));
        data.put("restarts", new TrackPair(MetricData.values(new double[12]), MetricData.values(new double[12])));
        Judgement j = new Judge(ConfigLoader.defaults()).judge(data);
        assertThat(j.verdict()).as(j.reason()).isEqualTo(Verdict.PASS);
        assertThat(j.noData()).containsExactly("payload-size", "cpu");
        assertThat(j.reason()).contains("; no data for payload-size, cpu (left out of the score): PASS");

        RolloutRecord record = RolloutFixtures.withJudgements(j);
        assertThat(RolloutMarkdown.render(record)).contains("pass 95); no data for payload-size, cpu, ");
        assertThat(RolloutHtml.render(record)).contains("pass 95); no data for payload-size, cpu; ");
    }

    @Test
    void queriesNotesStepsAndEventsAreListed() {
        String md = RolloutMarkdown.render(RolloutFixtures.slowRelease());
        assertThat(md).contains("- latency: ` router:latency{track=\"canary\"} `")
                .contains("- heap: sampled every 5 s from /metrics")
                .contains("| 2 | analysis every 10s for 60s | +5s | 50s | FAIL |")
                .contains("| +55s | rollback |");
        assertThat(md.indexOf("## Steps")).isLessThan(md.indexOf("## step 2 analysis"));
        assertThat(md.indexOf("## background analysis")).isLessThan(md.indexOf("## Events"));
    }

    @Test
    void markupInTextCannotBreakTheTableOrInjectHtml() {
        String title = "v2 | <script>alert(1)</script>\n# not a heading";
        RolloutRecord r = RolloutFixtures.slowRelease();
        RolloutRecord evil = new RolloutRecord(title, r.strategy(), r.stableVersion(), r.canaryVersion(),
                r.source(), r.started(), r.ended(), r.outcome(), "a | b", r.steps(), r.analyses(), r.timeline(),
                r.events());
        String md = RolloutMarkdown.render(evil);
        assertThat(md).doesNotContain("<script>").doesNotContain("\n# not");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).mapToLong(l -> Arrays.stream(
                l.split("(?<!\\\\)\\|")).count()).distinct()).containsExactlyInAnyOrder(4L, 6L, 10L);
    }
}
