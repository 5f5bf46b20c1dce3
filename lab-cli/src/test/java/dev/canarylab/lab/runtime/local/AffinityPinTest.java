package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.Track;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AffinityPinTest {

    private static final Endpoint S = new Endpoint(Track.STABLE, "v1", "v1-stable-1", 1001);
    private static final Endpoint C = new Endpoint(Track.CANARY, "v2", "v2-canary-2", 1002);
    private static final Endpoint B = new Endpoint(Track.BASELINE, "v1", "v1-baseline-3", 1003);

    private static RoutingTable canaryAt(int weight) {
        return new RoutingTable(Map.of(Track.STABLE, List.of(S), Track.CANARY, List.of(C)),
                Map.of(Track.STABLE, "v1", Track.CANARY, "v2"), weight);
    }

    @Test
    void aPinReadsBackFromItsCookieValueAndAForeignValueIsNoPin() {
        AffinityPin pin = new AffinityPin(Track.CANARY, "v2.1", 0);
        assertThat(AffinityPin.parse(pin.value())).isEqualTo(pin);
        for (String foreign : new String[] {null, "", "abc", "preview:v2:0", "canary:v2:", "canary::5", "canary:v2:101",
            "x".repeat(200)}) {
            assertThat(AffinityPin.parse(foreign)).as("'%s'", foreign).isNull();
        }
    }

    @Test
    void aCanaryPinHoldsAtAnyWeightButNotOnceTheCanaryIsGoneOrRunsAnotherVersion() {
        AffinityPin pin = new AffinityPin(Track.CANARY, "v2", 0);
        assertThat(pin.resolve(canaryAt(50), 0.0)).isEqualTo(Track.CANARY);
        assertThat(pin.resolve(canaryAt(0), 0.0)).as("weight 0, canary still running").isEqualTo(Track.CANARY);
        RoutingTable rolledBack = new RoutingTable(Map.of(Track.STABLE, List.of(S)), Map.of(Track.STABLE, "v1"), 0);
        assertThat(pin.resolve(rolledBack, 0.5)).isNull();
        RoutingTable v3 = new RoutingTable(Map.of(Track.STABLE, List.of(S), Track.CANARY, List.of(C)),
                Map.of(Track.STABLE, "v1", Track.CANARY, "v3"), 50);
        assertThat(pin.resolve(v3, 0.5)).isNull();
        RoutingTable noneReady = new RoutingTable(Map.of(Track.STABLE, List.of(S), Track.CANARY, List.of()),
                Map.of(Track.STABLE, "v1", Track.CANARY, "v2"), 50);
        assertThat(pin.resolve(noneReady, 0.5)).isNull();
    }

    @Test
    void aWeightIncreaseMovesJustTheShareOfStablesClientsThatKeepsClientSharesEqualToTheWeights() {
        // pinned at 20: 80% of clients on stable; at 50 only 50% should be, so 30/80 of stable's clients move.
        AffinityPin pin = new AffinityPin(Track.STABLE, "v1", 20);
        assertThat(pin.resolve(canaryAt(50), 0.374)).isEqualTo(Track.CANARY);
        assertThat(pin.resolve(canaryAt(50), 0.376)).isEqualTo(Track.STABLE);
        assertThat(pin.resolve(canaryAt(10), 0.0)).as("a decrease moves no one").isEqualTo(Track.STABLE);
        assertThat(AffinityPin.after(pin, Track.STABLE, canaryAt(50))).as("kept, now at 50")
                .isEqualTo(new AffinityPin(Track.STABLE, "v1", 50));
        assertThat(AffinityPin.after(pin, Track.STABLE, canaryAt(10))).as("the highest weight is kept").isNull();
    }

    @Test
    void withABaselineAMovedStableClientGoesToCanaryOrBaselineAlike() {
        RoutingTable t = new RoutingTable(Map.of(Track.STABLE, List.of(S), Track.CANARY, List.of(C),
                Track.BASELINE, List.of(B)), Map.of(Track.STABLE, "v1", Track.CANARY, "v2", Track.BASELINE, "v1"), 30);
        // pinned at 10: stable had 80%, now 40%: half of its clients move, a quarter to each.
        AffinityPin pin = new AffinityPin(Track.STABLE, "v1", 10);
        assertThat(pin.resolve(t, 0.20)).isEqualTo(Track.BASELINE);
        assertThat(pin.resolve(t, 0.30)).isEqualTo(Track.CANARY);
        assertThat(pin.resolve(t, 0.51)).isEqualTo(Track.STABLE);
    }
}
