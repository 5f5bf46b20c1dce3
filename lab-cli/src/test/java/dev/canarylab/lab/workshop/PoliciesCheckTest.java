package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesCheckTest {

    @TempDir
    Path dir;

    @Test
    void aConfigWithoutThePoliciesNamesEachMissingOneAndHowToWriteIt() {
        // the built-in-like config bounds p99 at 1000 ms and restarts at 0, and sets no minTraffic
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "my-policies.yaml").check("policies");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: my-policies.yaml has no latency bound of 500 ms or less on p90 or"
                + " a higher quantile and no minimum traffic rate; hint: add bound: {statistic: p95, max: 500} on a"
                + " latency metric and minTraffic: 60 on a metric");
    }

    @Test
    void thePoliciesWithoutARolloutOfV6SayToRollItOut() {
        Attendee.Said said = new Attendee(dir).file("my-policies.yaml", "my-policies.yaml")
                .report("canary-v4-rolled-back").check("policies");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: my-policies.yaml bounds tail-latency at p95 <= 500 ms, asks"
                + " latency for 60.0 samples a minute and allows restarts total <= 2, but no rollout of v6 was judged"
                + " with my-policies.yaml yet; hint: 'lab rollout v6 --config my-policies.yaml'");
    }

    @Test
    void thePoliciesThatRolledV6BackOnRestartsAreDone() {
        Attendee.Said said = new Attendee(dir).file("my-policies.yaml", "my-policies.yaml").report("policies-v6")
                .check("policies");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).startsWith("done: my-policies.yaml bounds tail-latency at p95 <= 500 ms")
                .contains("and rolled v6 back on ").contains("restarts (bound total <= 2 broken)");
    }
}
