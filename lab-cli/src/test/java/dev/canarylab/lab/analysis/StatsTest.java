package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void quantilesFollowNumpysDefault() {
        // numpy.percentile([3,1,4,1,5,9,2,6,5,3,5], [50, 95, 99]) = [4.0, 7.5, 8.7]; mean 4.0
        Stats s = Stats.ofSorted(HodgesLehmannTest.sorted(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5));
        assertThat(s.count()).isEqualTo(11);
        assertThat(s.mean()).isCloseTo(4.0, within(1e-12));
        assertThat(s.p50()).isCloseTo(4.0, within(1e-12));
        assertThat(s.p95()).isCloseTo(7.5, within(1e-12));
        assertThat(s.p99()).isCloseTo(8.7, within(1e-12));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(9);
    }

    @Test
    void emptySampleHasNoStatistics() {
        Stats s = Stats.ofSorted(new double[0]);
        assertThat(s.count()).isZero();
        assertThat(s.mean()).isNaN();
    }
}
