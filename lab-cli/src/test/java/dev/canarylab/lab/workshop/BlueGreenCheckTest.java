package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueGreenCheckTest {

    @TempDir
    Path dir;

    @Test
    void aCanaryRolloutOfV4IsNotABlueGreenOne() {
        Attendee.Said said = new Attendee(dir).report("canary-v4-rolled-back").check("blue-green");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: no blue-green rollout of v4 in ")
                .endsWith("hint: 'lab rollout v4 --strategy blue-green'");
    }

    @Test
    void v4StoppedOnlyAfterTheSwitchReachedUsersAndIsNotYet() {
        Attendee.Said said = new Attendee(dir).report("blue-green-v4-post").check("blue-green");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: your v4 reached users: it was rolled back only by post-promotion"
                + " analysis, after the switch (blue-green-v4-post.json); hint: give it a prePromotionAnalysis");
    }

    @Test
    void v4StoppedBeforeTheSwitchButNoV2PromotedSaysToRollOutV2() {
        Attendee.Said said = new Attendee(dir).report("blue-green-v4").check("blue-green");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: pre-promotion analysis stopped v4 on errors (")
                .endsWith("hint: 'lab rollout v2 --strategy blue-green'");
    }

    @Test
    void v4StoppedBeforeTheSwitchAndV2PromotedIsDone() {
        Attendee.Said said = new Attendee(dir).report("blue-green-v4").report("blue-green-v2-promoted")
                .check("blue-green");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).startsWith("done: pre-promotion analysis stopped v4 on errors (")
                .endsWith("before the switch, and v2 was promoted blue-green (blue-green-v2-promoted.json)");
    }
}
