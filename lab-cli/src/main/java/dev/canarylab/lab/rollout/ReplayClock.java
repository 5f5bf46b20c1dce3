package dev.canarylab.lab.rollout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The recorded time a replay has reached: what the narrator's clock and a replay's dashboard read, so that a
 * replay tells the times of the recorded run whatever its speed. Set by the replay's thread, read by any.
 */
public final class ReplayClock extends Clock {

    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    void set(Instant t) {
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
