package dev.canarylab.lab.analysis;

import static dev.canarylab.lab.analysis.Configs.judge;
import static dev.canarylab.lab.analysis.Configs.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A tail read from histogram buckets (Prometheus): the values are rebuilt within their buckets, so the quantile's
 * interval may be no narrower than the buckets that hold its ends.
 */
class TailBucketsTest {

    private static final double[] BOUNDS = {1, 2, 5, 10, 250, 300};

    /** n requests spread evenly within each bucket, as the Prometheus source rebuilds them. */
    private static double[] rebuilt(int[] perBucket) {
        int n = 0;
        for (int c : perBucket) {
            n += c;
        }
        double[] out = new double[n];
        int k = 0;
        double lower = 0;
        for (int i = 0; i < perBucket.length; i++) {
            for (int j = 0; j < perBucket[i]; j++) {
                out[k++] = lower + (BOUNDS[i] - lower) * (j + 0.5) / perBucket[i];
            }
            lower = BOUNDS[i];
        }
        return out;
    }

    @Test
    void anIntervalWidensToTheBucketsHoldingItsEnds() {
        assertThat(QuantileClassifier.toBuckets(new double[] {1.3, 4.2}, BOUNDS)).containsExactly(1, 5);
        assertThat(QuantileClassifier.toBuckets(new double[] {0.4, 0.9}, BOUNDS)).containsExactly(0, 1);
        // On the last bound: requests of the +Inf bucket, which has no upper end.
        assertThat(QuantileClassifier.toBuckets(new double[] {260, 300}, BOUNDS))
                .containsExactly(250, Double.POSITIVE_INFINITY);
        assertThat(QuantileClassifier.toBuckets(new double[] {1.3, 4.2}, null)).containsExactly(1.3, 4.2);
    }

    @Test
    void equalTailsInsideOneBucketAreNotCalledPreciselyEqual() {
        // 5,000 requests a track, the slowest 2% in (2, 5] ms: the p99 is somewhere in that bucket for both.
        int[] same = {3000, 1900, 100, 0, 0, 0};
        MetricData b = MetricData.binned(rebuilt(same), BOUNDS);
        MetricData c = MetricData.binned(rebuilt(same.clone()), BOUNDS);
        MetricResult exact = only(judge(Configs.of(Configs.tail()), "tail-latency", MetricData.values(rebuilt(same)),
                MetricData.values(rebuilt(new int[] {3000, 1900, 99, 1, 0, 0}))));
        MetricResult binned = only(judge(Configs.of(Configs.tail()), "tail-latency", b,
                MetricData.binned(rebuilt(new int[] {3000, 1900, 99, 1, 0, 0}), BOUNDS)));
        // As exact values the interval reads finer than the buckets can tell; as buckets it is (2, 5] over (2, 5].
        assertThat(binned.lower()).isEqualTo(2.0 / 5).isLessThan(exact.lower());
        assertThat(binned.upper()).isEqualTo(5.0 / 2).isGreaterThan(exact.upper());
        assertThat(only(judge(Configs.of(Configs.tail()), "tail-latency", b, c)).classification())
                .isNotEqualTo(Classification.HIGH);
    }

    @Test
    void aTailThatMovedBucketsFailsThroughTheBucketsToo() {
        // The slow release: 30% of the canary's requests 250 ms slower land in (250, 300].
        MetricData b = MetricData.binned(rebuilt(new int[] {3000, 1900, 100, 0, 0, 0}), BOUNDS);
        MetricData c = MetricData.binned(rebuilt(new int[] {2100, 1330, 70, 0, 0, 1500}), BOUNDS);
        MetricResult r = only(judge(Configs.of(Configs.tail()), "tail-latency", b, c));
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.lower()).isGreaterThanOrEqualTo(250.0 / 5);
    }
}
