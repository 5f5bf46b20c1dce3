package dev.canarylab.lab.analysis;

import java.util.Locale;

/**
 * One look of an analysis: its number, the false-alarm level available to it, and the overall budget.
 *
 * @param last     true at the end of the lifetime, when an inconclusive result can no longer improve
 * @param sequence the looks so far, for the power guard; null for a single look or one read back from a report
 *                 (the guard then treats it as a single test at the whole budget)
 */
public record Look(int number, double alpha, double budget, double elapsedSeconds, boolean last,
        LookSequence sequence) {

    public Look(int number, double alpha, double budget, double elapsedSeconds, boolean last) {
        this(number, alpha, budget, elapsedSeconds, last, null);
    }

    /** A single judgement of recorded data: the whole budget at once. */
    public static Look single(double confidence) {
        return new Look(1, 1 - confidence, 1 - confidence, Double.NaN, true);
    }

    /** The same look, judged as part of the given sequence of looks. */
    public Look within(LookSequence looks) {
        return new Look(number, alpha, budget, elapsedSeconds, last, looks);
    }

    /**
     * The drift, in standard errors of this look, that the analysis so far detects with the given power: the
     * power of the sequence of looks, or of one test at the whole budget when there is no sequence.
     */
    public double detectableDrift(double power, boolean twoSided) {
        return (sequence != null ? sequence : LookSequence.single(budget)).detectableDrift(power, twoSided);
    }

    public String describe() {
        if (number == 1 && alpha == budget) {
            return String.format(Locale.ROOT, "single look at alpha %.3g", alpha);
        }
        return String.format(Locale.ROOT, "look %d at alpha %.3g of %.3g", number, alpha, budget);
    }
}
