package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The latency fault's wait. */
class PauseTest {

    /**
     * Java 17's Thread.sleep turned every 200us wait into at least 1 ms. A loaded machine only makes waits longer,
     * so the shortest of many is what shows the rounding: it must stay well under a millisecond.
     */
    @Test
    void aSubMillisecondLatencyIsNotRoundedUpToAMillisecond() throws InterruptedException {
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            FaultInjection.pause(200_000);
            shortest = Math.min(shortest, System.nanoTime() - t);
        }
        assertThat(shortest).isBetween(200_000L, 900_000L);
    }
}
