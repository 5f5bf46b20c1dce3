package dev.canarylab.lab.analysis;

/**
 * The absolute allowance of a value metric judged by Mann-Whitney above a baseline mean over 0
 * ({@code allowedAbsoluteIncrease}, in the metric's unit): a rise of the mean is a regression only when it is
 * beyond the allowed ratio AND beyond this many units. A ratio alone fails releases on changes nobody can
 * notice: at a baseline of 1.46 ms, 0.16 ms of scheduling noise between two fresh JVMs on a shared machine is
 * 1.11x, and with thousands of requests a look finds it significant. Below 0 it has no effect: decreases are
 * judged on the ratio alone.
 *
 * <p>Since a HIGH needs both, the change the judge tolerates is the larger of the two, and that is the change
 * the power guard must be able to detect before a metric passes: {@link #toleratedRatio}. The absolute
 * allowance governs exactly where the baseline mean is below {@code absolute / (allowedIncrease - 1)} (10 ms for
 * +1 ms and 1.1x); above that, nothing changes.
 */
final class AbsoluteAllowance {

    private AbsoluteAllowance() {
    }

    /** True if the canary's mean rose beyond the absolute allowance; always true for a metric without one. */
    static boolean exceeded(MetricSpec spec, double meanB, double meanC) {
        double abs = spec.allowedAbsoluteIncrease();
        return !(abs > 0) || meanC - meanB > abs;
    }

    /** The increase ratio tolerated over this baseline mean: the larger of the allowed ratio and the absolute rise. */
    static double toleratedRatio(MetricSpec spec, double meanB) {
        double abs = spec.allowedAbsoluteIncrease();
        return abs > 0 && meanB > 0 ? Math.max(spec.allowedIncrease(), 1 + abs / meanB) : spec.allowedIncrease();
    }

    /** True if the absolute allowance, not the ratio, sets the tolerated increase over this baseline mean. */
    static boolean governs(MetricSpec spec, double meanB) {
        return toleratedRatio(spec, meanB) > spec.allowedIncrease();
    }

    /**
     * ", but +0.16 ms, within the allowed +1 ms" when the mean's ratio is beyond the allowed ratio but its rise is
     * within the absolute allowance (the reason such a mean does not fail), else "".
     */
    static String withinNote(MetricSpec spec, double meanB, double meanC) {
        double abs = spec.allowedAbsoluteIncrease();
        if (!(abs > 0 && meanB > 0 && spec.direction().watchesIncrease() && meanC / meanB > spec.allowedIncrease()
                && !exceeded(spec, meanB, meanC))) {
            return "";
        }
        return ", but " + signed(meanC - meanB, spec.unit()) + ", within the allowed " + signed(abs, spec.unit());
    }

    /**
     * " and +1 ms" where the absolute allowance sets the tolerated increase over this baseline mean, else "": over
     * 52.9 ms, +1 ms is within 1.1x anyway, and naming it would only make the reader wonder.
     */
    static String text(MetricSpec spec, double meanB) {
        return spec.direction().watchesIncrease() && governs(spec, meanB)
                ? " and " + signed(spec.allowedAbsoluteIncrease(), spec.unit()) : "";
    }

    static String signed(double d, String unit) {
        return (d > 0 ? "+" : "") + Format.value(d, unit);
    }
}
