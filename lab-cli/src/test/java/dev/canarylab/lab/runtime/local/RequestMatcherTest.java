package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteMatch.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestMatcherTest {

    private static RequestMatcher header(Mode mode, String value) {
        return new RequestMatcher(RouteMatch.header("X-Beta", mode, value));
    }

    @Test
    void exactMatchesOnlyTheWholeValueAndCaseMatters() {
        RequestMatcher m = header(Mode.EXACT, "on");
        assertThat(m.matches("on")).isTrue();
        assertThat(m.matches("on ")).isFalse();
        assertThat(m.matches("ON")).isFalse();
        assertThat(m.matches((String) null)).as("no header").isFalse();
    }

    @Test
    void prefixMatchesValuesThatStartWithIt() {
        RequestMatcher m = header(Mode.PREFIX, "beta-");
        assertThat(m.matches("beta-42")).isTrue();
        assertThat(m.matches("alpha-beta-42")).isFalse();
    }

    @Test
    void aRegularExpressionMustMatchTheWholeValueAsInIstioAndTraefik() {
        RequestMatcher m = header(Mode.REGEX, ".*@example[.]com");
        assertThat(m.matches("ann@example.com")).isTrue();
        assertThat(m.matches("ann@example.com.evil")).isFalse();
    }

    @Test
    void aCatastrophicallyBacktrackingPatternGivesUpWithoutAMatchInsteadOfHoldingTheRouterThread() {
        RequestMatcher m = header(Mode.REGEX, "(a+)+b");
        String hostile = "a".repeat(60) + "c"; // 2^60 ways to split: without a budget this never returns
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(m.matches(hostile)).isFalse());
        assertThat(m.matches("aaab")).isTrue();
    }

    @Test
    void anInvalidRegularExpressionIsRefusedWhenTheRouteIsSetNotWhenARequestComes() {
        assertThatThrownBy(() -> RouteMatch.header("X-User", Mode.REGEX, "(unclosed"))
                .isInstanceOf(LabException.class).hasMessageStartingWith("invalid regular expression '(unclosed'");
    }
}
