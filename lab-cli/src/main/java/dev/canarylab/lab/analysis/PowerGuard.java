package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Keeps small samples from passing. A metric may PASS only if the look could have detected the allowed
 * effect with the configured power (0.8 by default).
 *
 * <p>How "need about N more requests" is computed: a test at level alpha with an interval of half-width h
 * (standard error h / z_alpha) detects, with power 1 - beta, effects of at least
 * {@code d = h (z_alpha + z_beta) / z_alpha}. Standard errors shrink as 1/sqrt(n), so the sample that brings d
 * down to the allowed effect a is {@code n (d / a)^2}; N is that minus what we have. It is a normal
 * approximation, and the level of later looks is smaller, so treat N as "about".
 */
final class PowerGuard {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private PowerGuard() {
    }

    static double z(double alpha, boolean twoSided) {
        return NORMAL.inverseSurvivalProbability(twoSided ? alpha / 2 : alpha);
    }

    /** Smallest effect detected with the given power by a test whose standard error is {@code se}. */
    static double detectable(double se, double alpha, boolean twoSided, double power) {
        return se * (z(alpha, twoSided) + NORMAL.inverseCumulativeProbability(power));
    }

    /** Samples per track still needed to bring the detectable effect down to {@code allowed}; 0 if none. */
    static long needMore(long have, double detectable, double allowed) {
        if (!(detectable > allowed)) {
            return 0;
        }
        double factor = (detectable / allowed) * (detectable / allowed);
        return (long) Math.ceil(have * factor) - have;
    }
}
