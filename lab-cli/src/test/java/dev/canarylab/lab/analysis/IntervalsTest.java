package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalsTest {

    @Test
    void medianIntervalOfOneHundredIsTheFortiethToSixtyFirst() {
        // Conover, Practical Nonparametric Statistics (3rd ed.), section 3.2: for n = 100 the 95% interval for
        // the median is X(40) to X(61); confirmed with scipy.stats.binom (coverage 0.9648).
        assertThat(QuantileInterval.ranks(100, 0.5, 0.05)).containsExactly(40, 61);
    }

    @Test
    void highQuantileRanksMatchTheBinomialLaw() {
        // scipy.stats.binom: n = 1000, p99, 98%: (982, 998); n = 200, p95, 95%: (184, 197).
        assertThat(QuantileInterval.ranks(1000, 0.99, 0.02)).containsExactly(982, 998);
        assertThat(QuantileInterval.ranks(200, 0.95, 0.05)).containsExactly(184, 197);
    }

    @Test
    void p99OfFiftyValuesHasNoUpperBound() {
        // scipy.stats.binom: the upper rank would be 51 > 50.
        double[] v = new double[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        double[] ci = QuantileInterval.of(v, 0.99, 0.05);
        assertThat(ci[0]).isEqualTo(48);
        assertThat(ci[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(QuantileInterval.minimumSize(0.99, 0.05)).isGreaterThan(50);
    }

    @Test
    void wilsonIntervalMatchesNewcombesPublishedExample() {
        // Newcombe, Stat Med 1998;17:857-872, table I, 81/263, method 3 (score, no correction): 0.2553-0.3662.
        assertThat(ProportionInterval.wilson(81, 263, 0.05)).containsExactly(new double[] {0.2553, 0.3662},
                within(1e-4));
    }

    @Test
    void differenceIntervalMatchesNewcombesPublishedExample() {
        // Newcombe, Stat Med 1998;17:873-890, table II, 56/70 - 48/80, method 10: 0.0524 to 0.3339.
        assertThat(ProportionInterval.difference(56, 70, 48, 80, 0.05))
                .containsExactly(new double[] {0.0524, 0.3339}, within(1e-4));
    }

    @Test
    void zeroCountsStillGiveAnInterval() {
        double[] ci = ProportionInterval.difference(0, 10, 0, 10, 0.05);
        assertThat(ci[0]).isLessThan(0);
        assertThat(ci[1]).isGreaterThan(0.2);
    }
}
