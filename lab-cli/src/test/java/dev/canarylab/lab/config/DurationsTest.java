package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheDurationsPeopleWrite() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("PT2M")).as("ISO-8601 is not the lab's grammar, nor sample-app's").isEmpty();
        assertThat(Durations.parse("10")).isEmpty();
        assertThat(Durations.parse("10 s")).isEmpty();
        assertThat(Durations.parse("s")).isEmpty();
    }

    @Test
    void noDurationIsNegative() {
        assertThat(Durations.parse("PT-10S")).isEmpty();
        assertThat(Durations.parse("-10s")).isEmpty();
        assertThat(Durations.parse("0")).contains(Duration.ZERO);
    }

    @Test
    void printsThemBack() {
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    }
}
