package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckCommandTest {

    @Test
    void withoutAModuleItListsEveryModuleInCourseOrderWithItsGoal() {
        Attendee.Said said = Attendee.lab("check");

        assertThat(said.exit()).isZero();
        assertThat(said.out().lines().map(l -> l.split(" ")[0]).toList()).containsExactly("splitting",
                "first-canary", "canary-config", "blue-green", "policies", "prometheus", "ci-gate", "kubernetes");
        assertThat(said.out()).contains("canary-config  write my-canary.yaml that promotes v2 and rolls back v3");
    }
}
