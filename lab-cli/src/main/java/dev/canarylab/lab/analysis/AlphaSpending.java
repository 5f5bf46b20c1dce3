package dev.canarylab.lab.analysis;

/**
 * Spreads one false-alarm budget over the repeated looks of an analysis, so that judging interval after
 * interval does not inflate false alarms.
 *
 * <p>Scheme: the Lan-DeMets spending function of Pocock type, {@code alpha(t) = alpha * ln(1 + (e - 1) t)},
 * with t the elapsed fraction of the lifetime. It spends more of the budget early than O'Brien-Fleming does,
 * which is what a canary wants: stop early on a clear failure. Look k is tested at the increment
 * {@code alpha(t_k) - alpha spent so far}; by the union bound the chance of any false alarm over the
 * whole lifetime is at most alpha whatever the correlation between looks (growing or sliding windows alike).
 * Exact group-sequential boundaries would be slightly less conservative but need the joint law of the looks,
 * which a rank test on a sliding window does not have in closed form.
 *
 * <p>Not thread-safe: one instance per analysis. Extending the lifetime only spreads what is left.
 */
public final class AlphaSpending {

    private final double alpha;
    private double lifetimeSeconds;
    private double spent;
    private int looks;
    // After an extension the remaining budget is spent over [segmentStart, lifetime] with the same shape.
    private double segmentStart;
    private double segmentBase;

    public AlphaSpending(double alpha, double lifetimeSeconds) {
        if (!(alpha > 0 && alpha < 1) || !(lifetimeSeconds > 0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) and lifetime positive");
        }
        this.alpha = alpha;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** Cumulative budget at elapsed fraction t of the lifetime. */
    public static double spendingFunction(double alpha, double t) {
        double clamped = Math.max(0, Math.min(1, t));
        return alpha * Math.log(1 + (Math.E - 1) * clamped);
    }

    /** The level for a look made {@code elapsedSeconds} into the analysis; records it as spent. */
    public Look look(double elapsedSeconds) {
        double fraction = (elapsedSeconds - segmentStart) / (lifetimeSeconds - segmentStart);
        double target = segmentBase + spendingFunction(alpha - segmentBase, fraction);
        double level = Math.max(0, target - spent);
        spent += level;
        looks++;
        return new Look(looks, level, alpha, elapsedSeconds, elapsedSeconds >= lifetimeSeconds);
    }

    /** Longer analysis (low traffic): the budget not yet spent is spread over the new lifetime. */
    public void extend(double elapsedSeconds, double newLifetimeSeconds) {
        if (newLifetimeSeconds <= elapsedSeconds) {
            throw new IllegalArgumentException("the new lifetime must end after now");
        }
        segmentStart = elapsedSeconds;
        segmentBase = spent;
        lifetimeSeconds = newLifetimeSeconds;
    }

    public double spent() {
        return spent;
    }
}
