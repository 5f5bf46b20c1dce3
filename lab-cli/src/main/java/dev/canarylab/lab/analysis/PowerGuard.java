package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Keeps small samples from passing. A metric may PASS only if the analysis so far could have detected the
 * allowed effect with the configured power (0.8 by default): in a live analysis the power of the sequence of
 * looks ({@link LookSequence}), in a single judgement that of one test at the whole alpha.
 *
 * <p>How "need about N more requests" is computed: with the interval's standard error se (half-width over
 * z_alpha), the looks detect, with power 1 - beta, effects of at least {@code d = se * drift}, drift being
 * {@code z_alpha + z_beta} for a single test and larger for a sequence of looks at spent levels. Standard errors shrink as 1/sqrt(n), so the sample that brings d
 * down to the allowed effect a is {@code n (d / a)^2}; N is that minus what we have. It is a normal
 * approximation, and the looks still to come change the power of the sequence, so treat N as "about".
 */
final class PowerGuard {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private PowerGuard() {
    }

    static double z(double alpha, boolean twoSided) {
        return NORMAL.inverseSurvivalProbability(twoSided ? alpha / 2 : alpha);
    }

    /**
     * Smallest effect the looks so far detect with the given power, {@code se} being this look's standard
     * error: the power of the whole sequence of looks ({@link LookSequence}), not of this look at the whole
     * alpha.
     */
    static double detectable(double se, Look look, boolean twoSided, double power) {
        return se * look.detectableDrift(power, twoSided);
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
