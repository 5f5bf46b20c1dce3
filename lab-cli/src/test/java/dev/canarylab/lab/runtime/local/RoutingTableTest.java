package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.Track;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final Endpoint S1 = new Endpoint(Track.STABLE, "v1", "v1-stable-1", 1001);
    private static final Endpoint S2 = new Endpoint(Track.STABLE, "v1", "v1-stable-2", 1002);
    private static final Endpoint C1 = new Endpoint(Track.CANARY, "v2", "v2-canary-3", 1003);
    private static final Endpoint B1 = new Endpoint(Track.BASELINE, "v1", "v1-baseline-4", 1004);

    private static long share(RoutingTable t, Track track) {
        return IntStream.range(0, 100).filter(d -> t.track(d) == track).count();
    }

    @Test
    void theCanaryGetsExactlyItsWeightOfTheHundredDraws() {
        for (int w : new int[] {0, 10, 50, 100}) {
            RoutingTable t = new RoutingTable(Map.of(Track.STABLE, List.of(S1), Track.CANARY, List.of(C1)),
                    Map.of(Track.STABLE, "v1", Track.CANARY, "v2"), w);
            assertThat(share(t, Track.CANARY)).as("weight %d", w).isEqualTo(w);
            assertThat(share(t, Track.STABLE)).isEqualTo(100 - w);
        }
    }

    @Test
    void aBaselineGetsTheSameWeightAsTheCanaryAndStableTheRest() {
        RoutingTable t = new RoutingTable(Map.of(Track.STABLE, List.of(S1), Track.CANARY, List.of(C1),
                Track.BASELINE, List.of(B1)), Map.of(Track.STABLE, "v1", Track.CANARY, "v2", Track.BASELINE, "v1"), 20);
        assertThat(share(t, Track.CANARY)).isEqualTo(20);
        assertThat(share(t, Track.BASELINE)).isEqualTo(20);
        assertThat(share(t, Track.STABLE)).isEqualTo(60);
    }

    @Test
    void withoutACanaryEverythingGoesToStableWhateverTheWeight() {
        RoutingTable t = new RoutingTable(Map.of(Track.STABLE, List.of(S1), Track.BASELINE, List.of(B1)),
                Map.of(Track.STABLE, "v1", Track.BASELINE, "v1"), 30);
        assertThat(share(t, Track.STABLE)).isEqualTo(100);
    }

    @Test
    void aRetryNeverGoesBackToAReplicaAlreadyTried() {
        RoutingTable t = new RoutingTable(Map.of(Track.STABLE, List.of(S1, S2)), Map.of(Track.STABLE, "v1"), 0);
        assertThat(t.candidates(Track.STABLE, Set.of())).containsExactly(S1, S2);
        assertThat(t.candidates(Track.STABLE, Set.of(S1))).containsExactly(S2);
        assertThat(t.candidates(Track.STABLE, Set.of(S1, S2))).isEmpty();
        assertThat(t.candidates(Track.CANARY, Set.of())).isEmpty();
    }
}
