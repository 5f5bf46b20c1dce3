package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.InstanceStatus.Phase;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aCrashLoopingCanaryMakesTheLabDegradedAndShowsItsRestartsAndLastExit() {
        InstanceStatus stable = new InstanceStatus("v1-stable-1", Phase.RUNNING, true, 0, 100, 4001, NOW.minusSeconds(200), "");
        InstanceStatus canary = new InstanceStatus("v6-canary-2", Phase.CRASH_LOOP, false, 3, 0, 0, NOW.minusSeconds(5),
                "exit 1 after 20 s");
        RuntimeStatus s = new RuntimeStatus("http://127.0.0.1:8080", 10, NOW.minusSeconds(75), "canary weight 0% -> 10%",
                List.of(new TrackStatus(Track.STABLE, "v1", "blue", 1, List.of(stable), List.of()),
                        new TrackStatus(Track.CANARY, "v6", "orange", 1, List.of(canary), List.of())));
        String text = StatusText.render(s, NOW);
        assertThat(text).contains("Status:        Degraded");
        assertThat(text).contains("Traffic:       stable 90%  canary 10%");
        assertThat(text).contains("Last change:   canary weight 0% -> 10%, 1m15s ago");
        assertThat(text).contains("canary    v6        orange      10%  0/1    3         Degraded");
        assertThat(text).contains("v6-canary-2        CrashLoopBackOff   no    3        -       -      5s    exit 1 after 20 s");
        assertThat(text).contains("v1-stable-1        Running            yes   0        100     4001   3m20s");
    }

    @Test
    void routesAffinityAndMirroringAreListedWithTheMirrorsDroppedCopiesAndAbsentWhenUnset() {
        InstanceStatus stable = new InstanceStatus("v1-stable-1", Phase.RUNNING, true, 0, 100, 4001, NOW, "");
        List<TrackStatus> tracks = List.of(new TrackStatus(Track.STABLE, "v1", "blue", 1, List.of(stable), List.of()));
        Routing routing = new Routing(List.of(
                new RouteRule("beta", List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on")), Track.CANARY),
                new RouteRule("corp", List.of(RouteMatch.header("X-User", RouteMatch.Mode.REGEX, ".*@corp"),
                        RouteMatch.cookie("plan", RouteMatch.Mode.PREFIX, "pro")), Track.BASELINE)),
                new Affinity("sticky", 3600), Mirror.percent(50), 1200, 7);
        String text = StatusText.render(new RuntimeStatus("http://127.0.0.1:8080", 0, NOW, "lab up", tracks, routing), NOW);
        assertThat(text).contains("Routes:        beta: header X-Beta = on -> canary\n"
                + "               corp: header X-User ~ .*@corp and cookie plan ^= pro -> baseline\n");
        assertThat(text).contains("Affinity:      cookie sticky, max-age 3600 s");
        assertThat(text).contains("Mirror:        50% of stable's requests (1200 copied, 7 dropped)");
        String plain = StatusText.render(new RuntimeStatus("http://127.0.0.1:8080", 0, NOW, "lab up", tracks), NOW);
        assertThat(plain).doesNotContain("Routes:").doesNotContain("Affinity:").doesNotContain("Mirror:");
    }

    @Test
    void agesReadLikeKubectls() {
        assertThat(StatusText.ago(NOW.minusSeconds(42), NOW)).isEqualTo("42s");
        assertThat(StatusText.ago(NOW.minusSeconds(180), NOW)).isEqualTo("3m");
        assertThat(StatusText.ago(NOW.minusSeconds(7500), NOW)).isEqualTo("2h5m");
    }
}
