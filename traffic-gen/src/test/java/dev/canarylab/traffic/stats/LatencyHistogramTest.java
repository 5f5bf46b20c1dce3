package dev.canarylab.traffic.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreNearestRankOverWholeMilliseconds() {
        LatencyHistogram h = new LatencyHistogram(1000);
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms);
        }
        LatencyHistogram.Counts c = h.snapshot();
        // Nearest rank on 1..100: the p-th percentile is the value at rank ceil(p/100 * 100) = p.
        assertThat(c.percentile(50)).isEqualTo(50);
        assertThat(c.percentile(95)).isEqualTo(95);
        assertThat(c.percentile(99)).isEqualTo(99);
        assertThat(c.percentile(100)).isEqualTo(100);
        assertThat(c.mean()).isEqualTo(50.5);
        assertThat(c.total()).isEqualTo(100);
    }

    @Test
    void aSlowTailShowsInP99ButNotInTheMedian() {
        LatencyHistogram h = new LatencyHistogram(5000);
        for (int i = 0; i < 980; i++) {
            h.record(4);
        }
        for (int i = 0; i < 20; i++) {
            h.record(800);
        }
        LatencyHistogram.Counts c = h.snapshot();
        assertThat(c.percentile(50)).isEqualTo(4);
        assertThat(c.percentile(95)).isEqualTo(4);
        assertThat(c.percentile(99)).isEqualTo(800);
    }

    @Test
    void timesAboveTheCapKeepTheTrueMaximum() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(5);
        h.record(12_345);
        LatencyHistogram.Counts c = h.snapshot();
        assertThat(c.maxMillis()).isEqualTo(12_345);
        assertThat(c.percentile(99)).isEqualTo(12_345);
    }

    @Test
    void intervalsAreDifferencesOfSnapshots() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(90);
        LatencyHistogram.Counts before = h.snapshot();
        h.record(2);
        h.record(3);
        LatencyHistogram.Counts interval = h.snapshot().minus(before);
        assertThat(interval.total()).isEqualTo(2);
        assertThat(interval.percentile(99)).isEqualTo(3);
    }

    @Test
    void nothingRecordedGivesZeros() {
        LatencyHistogram.Counts c = new LatencyHistogram(10).snapshot();
        assertThat(c.percentile(95)).isZero();
        assertThat(c.mean()).isZero();
    }
}
