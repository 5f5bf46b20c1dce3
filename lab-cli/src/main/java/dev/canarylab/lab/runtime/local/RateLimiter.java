package dev.canarylab.lab.runtime.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: each holds up to {@code burst} requests and refills at {@code perSecond}; a request
 * finding its bucket empty is refused. Buckets that have refilled are forgotten when many clients are tracked, so
 * a room full of phones (or spoofed addresses) cannot grow the map without bound.
 */
final class RateLimiter {

    /** How many clients are tracked before full buckets are swept out. */
    static final int SWEEP_AT = 10_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimiter(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    RateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = nanoClock;
    }

    /** Takes one request from {@code client}'s bucket; false when it is empty (answer 429). */
    boolean allow(String client) {
        long now = clock.getAsLong();
        if (buckets.size() >= SWEEP_AT) {
            sweep(now);
        }
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    /** Seconds until {@code client} may send again, rounded up (for Retry-After). */
    int retryAfterSeconds() {
        return (int) Math.max(1, Math.ceil(1 / (perNano * 1e9)));
    }

    int tracked() {
        return buckets.size();
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().at) * perNano >= burst;
            }
        });
    }
}
