package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void withoutMyCanaryYamlItSaysToWriteOne() {
        Attendee.Said said = new Attendee(dir).check("canary-config");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: there is no my-canary.yaml in " + dir)
                .contains("hint: write one");
    }

    @Test
    void rolloutsJudgedWithTheBuiltInConfigDoNotCountEvenWhenTheFileHoldsTheSameSettings() {
        // my-canary.yaml is the built-in config, byte for byte; prometheus-v3 was judged with the built-in one
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "my-canary.yaml")
                .report("prometheus-v3").report("canary-v4-rolled-back").check("canary-config");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: my-canary.yaml loads, but no rollout of v3 was judged with"
                + " my-canary.yaml yet; hint: 'lab rollout v3 --config my-canary.yaml'");
    }

    @Test
    void aConfigThatPassesV3IsNotYetAndTheSentenceSaysWhyFromTheFile() {
        Attendee.Said said = new Attendee(dir).file("lax-canary.yaml", "my-canary.yaml").report("lax-config-v3")
                .check("canary-config");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).matches("not yet: your config passes v3: latency's allowedIncrease is 20\\.0, so a"
                + " 30% slow tail is allowed \\(v3's mean was \\d+\\.\\d\\dx the baseline's\\); hint: make the latency"
                + " metrics stricter .*'lab rollout v3 --config my-canary.yaml'");
    }

    @Test
    void rolloutsJudgedWithAnEarlierEditOfTheFileDoNotCount() {
        // the report of v3 was judged by my-canary.yaml when it held lax-canary.yaml; it holds the strict one now
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "my-canary.yaml").report("lax-config-v3")
                .check("canary-config");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: my-canary.yaml loads, but your rollouts of v3 were judged with an"
                + " earlier my-canary.yaml (it changed since); hint: 'lab rollout v3 --config my-canary.yaml'");
    }

    @Test
    void v3RolledBackButNoV2YetSaysToRollOutV2() {
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "my-canary.yaml")
                .report("config-v3-rolled-back").check("canary-config");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: my-canary.yaml rolls back v3, but no rollout of v2 was judged"
                + " with my-canary.yaml yet; hint: 'lab rollout v2 --config my-canary.yaml'");
    }

    @Test
    void aConfigThatPromotesV2AndRollsBackV3IsDoneWithTheFigureThatStoppedV3() {
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "my-canary.yaml")
                .report("config-v3-rolled-back").report("config-v2-promoted").check("canary-config");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).startsWith("done: my-canary.yaml promotes v2 and rolls back v3 on tail-latency (");
    }

    @Test
    void theFileMayHaveAnotherNameGivenWithConfig() {
        Attendee.Said said = new Attendee(dir).file("my-canary.yaml", "strict.yaml")
                .report("config-v3-rolled-back").report("config-v2-promoted")
                .check("canary-config", "--config", dir.resolve("strict.yaml").toString());

        assertThat(said.exit()).isZero();
        assertThat(said.out()).startsWith("done: " + dir.resolve("strict.yaml") + " promotes v2");
    }
}
