package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final RateLimiter limiter = new RateLimiter(5, 10, now::get);

    private int allowedOf(String client, int requests) {
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            if (limiter.allow(client)) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aClientMaySendItsBurstAtOnceAndIsRefusedPastIt() {
        assertThat(allowedOf("10.0.0.7", 10)).isEqualTo(10);
        assertThat(limiter.allow("10.0.0.7")).isFalse();
    }

    @Test
    void theBucketRefillsAtTheRate() {
        allowedOf("10.0.0.7", 10);
        now.addAndGet(SECOND);
        assertThat(allowedOf("10.0.0.7", 20)).isEqualTo(5);
        now.addAndGet(SECOND / 5);
        assertThat(allowedOf("10.0.0.7", 20)).isEqualTo(1);
    }

    @Test
    void aPhoneRefreshingEverySecondIsNeverRefused() {
        // the page, its script and stylesheet at once, then a refresh a second for ten minutes
        assertThat(allowedOf("10.0.0.7", 3)).isEqualTo(3);
        for (int i = 0; i < 600; i++) {
            now.addAndGet(SECOND);
            assertThat(limiter.allow("10.0.0.7")).isTrue();
        }
    }

    @Test
    void oneFloodingClientDoesNotUseUpAnothersBucket() {
        assertThat(allowedOf("10.0.0.7", 1000)).isEqualTo(10);
        assertThat(allowedOf("10.0.0.8", 10)).isEqualTo(10);
    }

    @Test
    void aLongIdleBucketHoldsNoMoreThanItsBurst() {
        allowedOf("10.0.0.7", 1);
        now.addAndGet(3600 * SECOND);
        assertThat(allowedOf("10.0.0.7", 100)).isEqualTo(10);
    }

    @Test
    void fullBucketsAreForgottenOnceManyClientsAreTracked() {
        for (int i = 0; i < RateLimiter.SWEEP_AT; i++) {
            limiter.allow("client-" + i);
        }
        now.addAndGet(10 * SECOND);
        limiter.allow("one-more");
        assertThat(limiter.tracked()).isEqualTo(1);
    }

    @Test
    void aRefusedClientIsToldToRetryAfterASecond() {
        assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    }
}
