package dev.canarylab.lab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramRequestsTest {

    // Seconds, cumulative, as Prometheus reports le buckets: 10 requests up to 1 ms, 20 more up to 2 ms, 10 more
    // up to 5 ms, none above.
    private static final Map<Double, Double> BUCKETS = Map.of(0.001, 10.0, 0.002, 30.0, 0.005, 40.0,
            Double.POSITIVE_INFINITY, 40.0);

    @Test
    void theRebuiltRequestsHaveTheQuantilesHistogramQuantileReturns() {
        double[] ms = HistogramRequests.rebuild(BUCKETS, 1000);
        assertThat(ms).hasSize(40).isSorted();
        // histogram_quantile: rank q * 40, then linear within the bucket holding it (the first bucket from 0):
        // p10 rank 4 in (0, 1] -> 0.4; p50 rank 20 in (1, 2] -> 1 + 10/20 = 1.5; p99 rank 39.6 in (2, 5]
        // -> 2 + 3 * 9.6/10 = 4.88. Within one rebuilt request's spacing of its bucket.
        assertThat(Stats.quantile(ms, 0.10)).isCloseTo(0.4, within(0.1));
        assertThat(Stats.quantile(ms, 0.50)).isCloseTo(1.5, within(0.05));
        assertThat(Stats.quantile(ms, 0.99)).isCloseTo(4.88, within(0.3));
        assertThat(ms[0]).isGreaterThan(0);
        assertThat(ms[39]).isLessThanOrEqualTo(5);
    }

    @Test
    void requestsAboveTheLastBoundSitOnItAsHistogramQuantileSays() {
        double[] ms = HistogramRequests.rebuild(Map.of(0.001, 10.0, 0.002, 30.0, 0.005, 40.0,
                Double.POSITIVE_INFINITY, 50.0), 1000);
        assertThat(ms).hasSize(50);
        assertThat(Stats.quantile(ms, 0.99)).isEqualTo(5.0);
    }

    @Test
    void fractionalCountsFromRateAreRoundedAndADipIsNoNegativeBucket() {
        double[] ms = HistogramRequests.rebuild(Map.of(0.001, 9.6, 0.002, 9.2, 0.005, 20.4,
                Double.POSITIVE_INFINITY, 20.4), 1000);
        // 10 in the first bucket, none in the second (its count dipped below the first's), 11 in the third.
        assertThat(ms).hasSize(21);
        assertThat(java.util.Arrays.stream(ms).filter(v -> v > 1 && v <= 2).count()).isZero();
        assertThat(java.util.Arrays.stream(ms).filter(v -> v > 2).count()).isEqualTo(11);
        assertThat(HistogramRequests.rebuild(Map.of(), 1000)).isEmpty();
        // The last count below an earlier one: 30 requests up to 2 ms, none dropped, none invented.
        assertThat(HistogramRequests.rebuild(Map.of(0.001, 10.0, 0.002, 30.0, Double.POSITIVE_INFINITY, 25.0), 1000))
                .hasSize(30);
    }

    @Test
    void moreRequestsThanTheCapAreThinnedEvenlyKeepingTheQuantiles() {
        double n = 4.0 * HistogramRequests.MAX_VALUES;
        double[] ms = HistogramRequests.rebuild(Map.of(0.001, n / 4, 0.002, 3 * n / 4, 0.005, n,
                Double.POSITIVE_INFINITY, n), 1000);
        assertThat(ms.length).isBetween(HistogramRequests.MAX_VALUES - 4, HistogramRequests.MAX_VALUES + 4);
        assertThat(Stats.quantile(ms, 0.50)).isCloseTo(1.5, within(0.001));
    }

    @Test
    void theDefaultTailLatencyQueryIsReadAsBucketsAndOtherQueriesAreNot() {
        String tail = ConfigLoader.defaults().metric("tail-latency").orElseThrow().query();
        HistogramRequests.Template t = HistogramRequests.parse(tail);
        assertThat(t).isNotNull();
        assertThat(t.scale()).isEqualTo(1000);
        assertThat(t.isRate()).isTrue();
        assertThat(t.inner()).startsWith("sum by (le)").contains("_bucket{").contains("[${window}]");
        assertThat(HistogramRequests.parse("histogram_quantile(0.9, sum by (le) (increase(x_bucket[${window}])))"))
                .extracting(HistogramRequests.Template::scale, HistogramRequests.Template::isRate).containsExactly(1.0, false);
        assertThat(HistogramRequests.parse(ConfigLoader.defaults().metric("latency").orElseThrow().query())).isNull();
        assertThat(HistogramRequests.parse("histogram_quantile(0.9, sum by (instance) (rate(x_bucket[${window}])))"))
                .as("no le: not buckets").isNull();
        // Over a fixed range, not the analysis window: left to the per-step reading.
        assertThat(HistogramRequests.parse("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))")).isNull();
    }
}
