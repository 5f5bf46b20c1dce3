package dev.canarylab.traffic.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShapeTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Profile profile(Shape shape, Duration total) {
        return new Profile(shape, total);
    }

    @Test
    void constantRateAsksForRateTimesDuration() {
        Profile p = profile(new Shape.Constant(50), Duration.ofSeconds(10));
        assertThat(p.plannedArrivals()).isEqualTo(500.0);
        assertThat(p.meanRps(Duration.ofSeconds(2), Duration.ofSeconds(7))).isEqualTo(50.0);
        assertThat(p.firstArrival()).isZero();
    }

    @Test
    void rampClimbsLinearlyThenHolds() {
        // 0 -> 100 over 10 s is a triangle of 500 arrivals, then 100/s for the remaining 10 s.
        Profile p = profile(new Shape.Ramp(0, 100, Duration.ofSeconds(10)), Duration.ofSeconds(20));
        assertThat(p.arrivalsWithin(Duration.ofSeconds(10))).isEqualTo(500.0);
        assertThat(p.plannedArrivals()).isEqualTo(1500.0);
        assertThat(p.meanRps(Duration.ofSeconds(4), Duration.ofSeconds(6))).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void rampLongerThanTheRunIsCutWhereTheRunEnds() {
        Profile p = profile(new Shape.Ramp(0, 100, Duration.ofSeconds(20)), Duration.ofSeconds(10));
        assertThat(p.segments()).hasSize(1);
        assertThat(p.segments().get(0).toRps()).isEqualTo(50.0);
        assertThat(p.plannedArrivals()).isEqualTo(250.0);
    }

    @Test
    void spikeBurstsAtTheEndOfEveryPeriod() {
        Profile p = profile(new Shape.Spike(10, 50, Duration.ofSeconds(30), Duration.ofSeconds(5)), MINUTE);
        // Two periods of 25 s at 10/s and 5 s at 50/s.
        assertThat(p.plannedArrivals()).isEqualTo(2 * (25 * 10 + 5 * 50));
        assertThat(p.meanRps(Duration.ofSeconds(26), Duration.ofSeconds(29))).isEqualTo(50.0);
        assertThat(p.meanRps(Duration.ofSeconds(31), Duration.ofSeconds(54))).isEqualTo(10.0);
    }

    @Test
    void stepsClimbAStaircaseAndHoldTheTop() {
        Profile p = profile(new Shape.Steps(10, 50, 5, Duration.ofSeconds(10)), MINUTE);
        // Levels 10, 20, 30, 40 for 10 s each, then 50 for the last 20 s.
        assertThat(p.plannedArrivals()).isEqualTo(10 * (10 + 20 + 30 + 40) + 20 * 50);
        assertThat(p.meanRps(Duration.ofSeconds(21), Duration.ofSeconds(29))).isEqualTo(30.0);
    }

    @Test
    void sineAveragesToItsMeanOverWholePeriods() {
        Profile p = profile(new Shape.Sine(40, 20, MINUTE), Duration.ofMinutes(3));
        assertThat(p.plannedArrivals()).isCloseTo(40 * 180, within(1e-6));
        // A quarter period in, the wave is at its top: mean + amplitude.
        assertThat(p.meanRps(Duration.ofMillis(14_900), Duration.ofMillis(15_100))).isCloseTo(60, within(0.5));
        assertThat(p.meanRps(Duration.ofMillis(44_900), Duration.ofMillis(45_100))).isCloseTo(20, within(0.5));
    }

    @Test
    void leadingSilenceDelaysTheFirstArrival() {
        Profile p = profile(new Shape.Steps(0, 30, 4, Duration.ofSeconds(5)), Duration.ofSeconds(20));
        assertThat(p.firstArrival()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void untilStoppedRunsOfPeriodicShapesStayAFewThousandSegments() {
        Duration day = Duration.ofHours(24);
        assertThat(new Shape.Sine(10, 5, Duration.ofMinutes(5)).segments(day)).hasSizeLessThan(10_000);
        assertThat(new Shape.Spike(10, 50, Duration.ofSeconds(30), Duration.ofSeconds(5)).segments(day)).hasSizeLessThan(10_000);
    }

    @Test
    void impossibleShapesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new Shape.Constant(0)).hasMessageContaining("rps must be more than zero");
        assertThatThrownBy(() -> new Shape.Sine(10, 20, MINUTE)).hasMessageContaining("must not exceed the mean rate");
        assertThatThrownBy(() -> new Shape.Sine(10, 5, Duration.ofSeconds(5))).hasMessageContaining("at least 10s");
        assertThatThrownBy(() -> new Shape.Spike(10, 50, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("shorter than the spike period");
        assertThatThrownBy(() -> new Shape.Steps(1, 10, 1, Duration.ofSeconds(5))).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new Shape.Constant(Double.NaN)).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> new Shape.Ramp(0, 0, MINUTE)).hasMessageContaining("there would be no traffic");
    }

    @Test
    void describesItselfInFlagTerms() {
        assertThat(new Shape.Ramp(10, 100, Duration.ofSeconds(30)).describe()).isEqualTo("ramp 10 -> 100 rps over 30s");
        assertThat(new Shape.Constant(2.5).describe()).isEqualTo("constant 2.5 rps");
    }
}
