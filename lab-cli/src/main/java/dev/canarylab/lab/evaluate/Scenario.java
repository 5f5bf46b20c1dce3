package dev.canarylab.lab.evaluate;

import java.util.List;

/**
 * A synthetic canary: how its requests differ from the baseline's.
 *
 * @param latencyFactor every canary request this many times slower
 * @param tailFraction  this share of canary requests also {@code tailFactor} times slower, then
 *                      {@code tailDelayMs} later
 * @param errorRate     the canary's error ratio (the baseline's is {@link SyntheticTraffic#BASE_ERROR_RATE})
 * @param tailDelayMs   added to each tail request: a fixed delay (the slow-release demo's 250 ms) is not a factor
 */
public record Scenario(String name, double latencyFactor, double tailFraction, double tailFactor,
        double errorRate, double tailDelayMs) {

    /** A canary whose tail, if any, is a factor slower and no later. */
    public Scenario(String name, double latencyFactor, double tailFraction, double tailFactor, double errorRate) {
        this(name, latencyFactor, tailFraction, tailFactor, errorRate, 0);
    }

    public boolean isRegression() {
        return latencyFactor != 1.0 || tailFraction > 0 || errorRate != SyntheticTraffic.BASE_ERROR_RATE;
    }

    /** A/A first, then latency shifts, tail regressions and error-rate increases. */
    public static List<Scenario> standard() {
        double e = SyntheticTraffic.BASE_ERROR_RATE;
        return List.of(
                new Scenario("A/A (no change)", 1.0, 0, 1, e),
                new Scenario("latency +10%", 1.1, 0, 1, e),
                new Scenario("latency +20%", 1.2, 0, 1, e),
                new Scenario("latency +50%", 1.5, 0, 1, e),
                new Scenario("tail: 2% of requests 10x", 1.0, 0.02, 10, e),
                new Scenario("tail: 10% of requests 20x", 1.0, 0.10, 20, e),
                // Shaped like the slow-release demo (v3: 30% of requests 250 ms late).
                new Scenario("tail: 30% of requests +250 ms", 1.0, 0.30, 1, e, 250),
                new Scenario("errors 0.5% -> 1%", 1.0, 0, 1, 0.01),
                new Scenario("errors 0.5% -> 3%", 1.0, 0, 1, 0.03));
    }
}
