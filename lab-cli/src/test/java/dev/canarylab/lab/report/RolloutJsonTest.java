package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.runtime.Track;
import org.junit.jupiter.api.Test;

class RolloutJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aRolledBackRolloutReadsBackEqualToWhatWasWritten() {
        RolloutRecord record = RolloutFixtures.slowRelease();
        RolloutRecord back = RolloutJson.read(RolloutJson.render(record));
        // records compare doubles with Double.compare, so NaN (no requests, no p-value) must come back as NaN
        assertThat(back).isEqualTo(record);
        assertThat(RolloutJson.render(back)).isEqualTo(RolloutJson.render(record));
    }

    @Test
    void theFixtureReallyFailedOnLatencyAndHasGapsSoTheRoundTripProvesSomething() {
        RolloutRecord record = RolloutFixtures.slowRelease();
        assertThat(record.analyses().get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(record.analyses().get(0).judgement().results())
                .anySatisfy(r -> assertThat(r.classification()).isEqualTo(Classification.HIGH));
        assertThat(record.timeline().get(0).tracks().get(Track.CANARY).p95()).isNaN();
    }

    @Test
    void nonFiniteNumbersAreNullAndTimesAreIso8601() throws Exception {
        JsonNode root = MAPPER.readTree(RolloutJson.render(RolloutFixtures.slowRelease()));
        assertThat(root.get("started").asText()).isEqualTo("2025-03-14T09:30:00Z");
        assertThat(root.get("outcome").asText()).isEqualTo("ROLLED_BACK");
        JsonNode canaryAtStart = root.get("timeline").get(0).get("tracks").get("canary");
        assertThat(canaryAtStart.get("p95").isNull()).isTrue();
        assertThat(canaryAtStart.get("requests").asLong()).isZero();
        JsonNode latency = root.get("analyses").get(0).get("judgement").get("metrics").get(0);
        assertThat(latency.get("metric").asText()).isEqualTo("latency");
        assertThat(latency.get("pValue").isNumber()).isTrue();
        assertThat(latency.get("mustHaveData").asBoolean()).isTrue();
        assertThat(root.get("analyses").get(0).get("queries").fieldNames().next()).isEqualTo("latency");
        // an open interval is null in place and listed as infinite, so that it reads back as one
        JsonNode tail = root.get("analyses").get(1).get("judgement").get("metrics").get(1);
        assertThat(tail.get("upper").isNull()).isTrue();
        assertThat(root.get("infinities").get("/analyses/1/judgement/metrics/1/upper").asText())
                .isEqualTo("Infinity");
        assertThat(RolloutJson.read(RolloutJson.render(RolloutFixtures.slowRelease())).analyses().get(1)
                .judgement().results().get(1).upper()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void theJudgementHasTheShapeOfLabJudgeJson() throws Exception {
        RolloutRecord record = RolloutFixtures.slowRelease();
        JsonNode judge = MAPPER.readTree(JudgementJson.render(record.analyses().get(0).judgement()));
        JsonNode inReport = MAPPER.readTree(RolloutJson.render(record)).get("analyses").get(0).get("judgement");
        judge.fieldNames().forEachRemaining(f -> assertThat(inReport.has(f)).as(f).isTrue());
        assertThat(inReport.get("metrics").get(1).get("baseline"))
                .isEqualTo(judge.get("metrics").get(1).get("baseline"));
    }

    @Test
    void somethingElseIsRefusedWithOneLine() {
        assertThatThrownBy(() -> RolloutJson.read("{\"verdict\": \"PASS\"}"))
                .isInstanceOf(LabException.class).hasMessageContaining("not a rollout report")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThatThrownBy(() -> RolloutJson.read("{\"format\": "))
                .isInstanceOf(LabException.class).hasMessageContaining("invalid JSON");
    }

    @Test
    void aDamagedReportNamesTheField() {
        String json = RolloutJson.render(RolloutFixtures.happyPath()).replace("\"result\" : \"PASS\"",
                "\"result\" : \"GREAT\"");
        assertThatThrownBy(() -> RolloutJson.read(json)).isInstanceOf(LabException.class)
                .hasMessageContaining("\"result\": unknown value 'GREAT'");
        String noSteps = RolloutJson.render(RolloutFixtures.happyPath()).replace("\"steps\"", "\"stairs\"");
        assertThatThrownBy(() -> RolloutJson.read(noSteps)).isInstanceOf(LabException.class)
                .hasMessageContaining("missing \"steps\"");
    }
}
