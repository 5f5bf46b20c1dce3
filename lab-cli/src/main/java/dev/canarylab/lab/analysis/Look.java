package dev.canarylab.lab.analysis;

import java.util.Locale;

/**
 * One look of an analysis: its number, the false-alarm level available to it, and the overall budget.
 *
 * @param last true at the end of the lifetime, when an inconclusive result can no longer improve
 */
public record Look(int number, double alpha, double budget, double elapsedSeconds, boolean last) {

    /** A single judgement of recorded data: the whole budget at once. */
    public static Look single(double confidence) {
        return new Look(1, 1 - confidence, 1 - confidence, Double.NaN, true);
    }

    public String describe() {
        if (number == 1 && alpha == budget) {
            return String.format(Locale.ROOT, "single look at alpha %.3g", alpha);
        }
        return String.format(Locale.ROOT, "look %d at alpha %.3g of %.3g", number, alpha, budget);
    }
}
