package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code removeOutliers: true} drops far-out values, never the only values that moved. */
class OutlierRemovalTest {

    @Test
    void aFarOutValueBeyondThreeInterquartileRangesIsDropped() {
        // Quartiles 11 and 13 (type 7): fences at 5 and 19, so 60 goes and 18 stays.
        double[] sorted = {10, 11, 11, 12, 12, 13, 13, 18, 60};
        assertThat(Judge.withoutOutliers(sorted)).containsExactly(10, 11, 11, 12, 12, 13, 13, 18);
    }

    @Test
    void aMostlyIdleMetricKeepsTheValuesThatMoved() {
        // Three restarts among twelve idle steps: an interquartile range of 0 must not make them outliers, or the
        // restarting canary would be judged as idle as its baseline.
        double[] sorted = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2};
        assertThat(Judge.withoutOutliers(sorted)).containsExactly(sorted);
    }
}
