package dev.canarylab.traffic.shape;

import java.time.Duration;

/** A stretch of the arrival-rate curve where the rate moves linearly from {@code fromRps} to {@code toRps}. */
public record Segment(double fromRps, double toRps, Duration length) {

    public Segment {
        if (fromRps < 0 || toRps < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a segment must last some time");
        }
    }

    static Segment constant(double rps, Duration length) {
        return new Segment(rps, rps, length);
    }

    public double seconds() {
        return length.toNanos() / 1e9;
    }

    /** Arrivals expected over the whole segment: the area under the rate line. */
    public double arrivals() {
        return (fromRps + toRps) / 2 * seconds();
    }

    /** Arrivals expected over the first {@code secs} seconds of the segment. */
    double arrivalsWithin(double secs) {
        double t = Math.min(Math.max(secs, 0), seconds());
        double rateAtT = fromRps + (toRps - fromRps) * t / seconds();
        return (fromRps + rateAtT) / 2 * t;
    }
}
