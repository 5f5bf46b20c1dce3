package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.LookInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report keeps what {@code lab replay} judges again: every look's samples, bit for bit, and the config. */
class ReplayJsonTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    static String recorded() throws IOException {
        try (InputStream in = ReplayJsonTest.class.getResourceAsStream("/replay/slow-release-ci.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordedReportReadsBackAndWritesTheSameText() throws IOException {
        String text = recorded();
        RolloutRecord r = RolloutJson.read(text);
        assertThat(r.analyses()).allSatisfy(a -> {
            assertThat(a.setup()).isNotNull();
            assertThat(a.looks()).allSatisfy(l -> assertThat(l.input()).isNotNull());
        });
        assertThat(RolloutJson.render(r)).isEqualTo(text);
    }

    @Test
    void samplesOfGrowingAndSlidingWindowsReadBackBitForBit() {
        double[] first = {1.5f, 2.25f, Double.NaN, 300.125f};
        double[] growing = {1.5f, 2.25f, Double.NaN, 300.125f, 7.75f};
        double[] sliding = {Double.NaN, 300.125f, 7.75f, 8.5f};
        double[] cpu = {0.1, 1.0 / 3, Math.PI};
        List<LookInput> inputs = List.of(
                input(Map.of("latency", new TrackPair(MetricData.values(first), MetricData.values(first)),
                        "errors", new TrackPair(MetricData.counts(40, 1), null),
                        "cpu", new TrackPair(MetricData.values(cpu), new MetricData.Unavailable("no scrape")))),
                input(Map.of("latency", new TrackPair(MetricData.values(growing), MetricData.values(sliding)),
                        "tail", new TrackPair(MetricData.values(growing), new MetricData.Values(sliding,
                                new double[] {5, 10, 25})),
                        "cpu", new TrackPair(MetricData.values(cpu), MetricData.values()))));
        List<RolloutRecord.Look> looks = List.of(new RolloutRecord.Look(T, 1, Verdict.INCONCLUSIVE, 100, inputs.get(0)),
                new RolloutRecord.Look(T.plusSeconds(5), 2, Verdict.PASS, 100, inputs.get(1)));
        RolloutRecord.Analysis a = new RolloutRecord.Analysis("step 2 analysis", null, null, T, T.plusSeconds(6),
                Verdict.PASS, "fine", null, looks, Map.of(), List.of());
        RolloutRecord record = new RolloutRecord("t", "canary", "v1", "v2", "embedded", T, T.plusSeconds(7),
                RolloutOutcome.PROMOTED, "promoted", List.of(), List.of(a), List.of(), List.of());

        List<RolloutRecord.Look> back = RolloutJson.read(RolloutJson.render(record)).analyses().get(0).looks();

        for (int i = 0; i < inputs.size(); i++) {
            LookInput want = inputs.get(i);
            LookInput got = back.get(i).input();
            assertThat(got.elapsedSeconds()).isEqualTo(want.elapsedSeconds());
            assertThat(got.data().keySet()).containsExactlyInAnyOrderElementsOf(want.data().keySet());
            want.data().forEach((metric, pair) -> {
                assertSame(got.data().get(metric).baseline(), pair.baseline());
                assertSame(got.data().get(metric).canary(), pair.canary());
            });
        }
    }

    @Test
    void aLookWrittenAfterAnotherKeepsOnlyItsNewSamples() {
        assertThat(ReplayJson.overlap(new double[] {1, 2, 3}, new double[] {1, 2, 3, 4})).containsExactly(0, 3);
        assertThat(ReplayJson.overlap(new double[] {1, 2, 3}, new double[] {2, 3, 4})).containsExactly(1, 2);
        assertThat(ReplayJson.overlap(new double[] {1, 2, 3}, new double[] {9})).containsExactly(0, 0);
    }

    private static void assertSame(MetricData got, MetricData want) {
        if (want instanceof MetricData.Values v) {
            MetricData.Values g = (MetricData.Values) got;
            assertThat(bits(g.values())).containsExactly(bits(v.values()));
            assertThat(g.bounds()).isEqualTo(v.bounds());
        } else {
            assertThat(got).isEqualTo(want);
        }
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToLongBits(values[i]);
        }
        return out;
    }

    private static LookInput input(Map<String, TrackPair> data) {
        return new LookInput(data.size() * 5.0, 5.0, new LinkedHashMap<>(data));
    }
}
