package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstCanaryCheckTest {

    @TempDir
    Path dir;

    @Test
    void withNoReportItSaysToRollOutV2() {
        Attendee.Said said = new Attendee(dir).check("first-canary");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: no canary rollout of v2 in ")
                .endsWith("; hint: 'lab rollout v2'");
    }

    @Test
    void withV2PromotedButNoV4ItSaysToRollOutV4() {
        Attendee.Said said = new Attendee(dir).report("config-v2-promoted").check("first-canary");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: v2 was promoted, but no canary rollout of v4 in ")
                .contains("hint: 'lab rollout v4', then read the table of its report");
    }

    @Test
    void aBlueGreenRollOutOfV4DoesNotCountForTheCanaryModule() {
        Attendee.Said said = new Attendee(dir).report("config-v2-promoted").report("blue-green-v4")
                .check("first-canary");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).contains("no canary rollout of v4");
    }

    @Test
    void aRollbackOfV4OnEvidenceIsPreferredToALaterOneForLackOfData() {
        // hand-made: the real rollback of v4 on errors, and a later copy of it relabelled as having had no data
        Attendee.Said said = new Attendee(dir).report("config-v2-promoted").report("canary-v4-rolled-back")
                .write(".lab/reports/later.json", Attendee.resource("reports/canary-v4-rolled-back.json")
                        .replace("2026-12-06T06:18", "2026-12-06T07:18")
                        .replace("\"result\" : \"HIGH\"", "\"result\" : \"NODATA\""))
                .check("first-canary");

        assertThat(said.out()).contains("rolled back on errors (5.4%");
    }

    @Test
    void withV2PromotedAndV4RolledBackItIsDoneAndNamesTheMetricThatFailed() {
        Attendee.Said said = new Attendee(dir).report("config-v2-promoted").report("canary-v4-rolled-back")
                .check("first-canary");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).isEqualTo("done: v2 was promoted and v4 rolled back on errors (5.4% of the canary's"
                + " requests failed vs 0.0% of the baseline's) (canary-v4-rolled-back.json)");
        assertThat(said.out().lines()).hasSize(1);
    }
}
