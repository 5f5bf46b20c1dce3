package dev.canarylab.lab.analysis;

/**
 * A significant change whose mean is beyond the metric's critical ratio is HIGH (LOW) even when Kayenta's
 * tolerance band or the power guard would hold it back. The band exists so that large samples do not fail a
 * canary on a tiny but significant shift, and the power guard so that a sample too small to see the allowed
 * change does not pass: neither is a reason to call "inconclusive" a 70x mean with p = 0.0016. Per-step
 * aggregates with a few huge values (seven of ten steps 100x slower) have exactly that shape: the three normal
 * steps keep the interval's lower end near "no change" and its width huge, while the test rejects.
 *
 * <p>"Significant" is the test at the look's level, and the interval excludes "no change" exactly then (see
 * {@link HodgesLehmann}), so the side it excludes gives the direction.
 */
final class CriticalChange {

    static final String NOTE = "; significant with a mean beyond the critical ratio, which neither the tolerance"
            + " band nor the power guard holds back";

    private CriticalChange() {
    }

    /**
     * HIGH, LOW, or null when the rule does not apply. {@code beyondAbsolute}: the mean rose beyond the metric's
     * absolute allowance (see {@link AbsoluteAllowance}); a rise within it is no regression, however large its
     * ratio (0.4 ms to 0.9 ms).
     */
    static Classification of(MetricSpec spec, double p, double alpha, double[] ci, double effect,
            boolean beyondAbsolute) {
        if (!(p < alpha)) {
            return null;
        }
        if (spec.direction().watchesIncrease() && ci[0] > 0 && effect > spec.criticalIncrease() && beyondAbsolute) {
            return Classification.HIGH;
        }
        if (spec.direction().watchesDecrease() && ci[1] < 0 && effect < spec.criticalDecrease()) {
            return Classification.LOW;
        }
        return null;
    }
}
