package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The weight fallback without Traefik: weights become pod counts, and the real share is stated. */
class ReplicaRatioTest {

    @Test
    void tenPercentOfFourPodsRoundsUpToOneCanaryPodWhichIsTwentyFivePercent() {
        ReplicaRatio r = ReplicaRatio.of(4, 10, false);
        assertThat(r.canary()).isEqualTo(1);
        assertThat(r.stable()).isEqualTo(3);
        assertThat(r.canaryPercent()).isEqualTo(25);
        assertThat(r.describe()).isEqualTo("replica ratio, no Traefik: canary 1, stable 3 of 4 pods: canary gets 25%"
                + " (asked 10%; a pod is 25.0%)");
    }

    @Test
    void halfOfTenPodsIsExactAndTheBaselineGetsAsManyAsTheCanary() {
        ReplicaRatio r = ReplicaRatio.of(10, 20, true);
        assertThat(r.canary()).isEqualTo(2);
        assertThat(r.baseline()).isEqualTo(2);
        assertThat(r.stable()).isEqualTo(6);
        assertThat(r.canaryPercent()).isEqualTo(20);
    }

    @Test
    void weightZeroHasNoCanaryPodAndOneHundredHasNoStablePod() {
        assertThat(ReplicaRatio.of(3, 0, false)).extracting(ReplicaRatio::canary, ReplicaRatio::stable).containsExactly(0, 3);
        ReplicaRatio all = ReplicaRatio.of(3, 100, false);
        assertThat(all.canary()).isEqualTo(3);
        assertThat(all.stable()).isZero();
        assertThat(all.canaryPercent()).isEqualTo(100);
    }

    @Test
    void stableKeepsOnePodBelowOneHundredPercentEvenWhenThePoolIsTooSmall() {
        ReplicaRatio r = ReplicaRatio.of(1, 10, false);
        assertThat(r.canary()).isEqualTo(1);
        assertThat(r.stable()).isEqualTo(1);
        assertThat(r.canaryPercent()).isEqualTo(50);
        assertThat(r.describe()).contains("canary gets 50% (asked 10%");
    }

    @Test
    void halfAPodRoundsUp() {
        // 6 pods x 25% = 1.5 pods -> 2
        assertThat(ReplicaRatio.of(6, 25, false).canary()).isEqualTo(2);
        // 6 pods x 24% = 1.44 pods -> 1
        assertThat(ReplicaRatio.of(6, 24, false).canary()).isEqualTo(1);
    }
}
