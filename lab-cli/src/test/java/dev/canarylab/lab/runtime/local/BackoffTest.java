package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleFromOneSecondUpToThirtyLikeTheKubeletsScaledDown() {
        Backoff b = new Backoff();
        Duration quick = Duration.ofSeconds(2);
        long[] seconds = new long[8];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = b.next(quick).toSeconds();
        }
        assertThat(seconds).containsExactly(1, 2, 4, 8, 16, 30, 30, 30);
    }

    @Test
    void aMinuteOfRunningForgivesEarlierCrashes() {
        Backoff b = new Backoff();
        b.next(Duration.ofSeconds(1));
        b.next(Duration.ofSeconds(1));
        assertThat(b.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.next(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(1));
    }
}
