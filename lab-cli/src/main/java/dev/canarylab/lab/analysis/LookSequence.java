package dev.canarylab.lab.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The looks of one analysis so far, as the power guard needs them: how much information each had (as a share
 * of the latest look's) and the level each was tested at.
 *
 * <p>Why the guard needs the sequence: with alpha spending no single look is tested at the whole alpha, so
 * "this look, at the whole alpha, could detect the allowed change" overstates what the analysis can do, and
 * "this look, at its own small level" understates it (earlier looks had their own chances). What a pass
 * should mean is: had the canary been at the allowed change, the looks made so far would have raised an alarm
 * with the configured power. On a growing window with steady traffic the statistics of successive looks
 * behave like a Brownian motion on the information scale (Z_j = B(I_j) / sqrt(I_j), the B-value of Lan and
 * DeMets), so that power is {@code P(some look j has B(I_j) > c_j sqrt(I_j))} for a drift theta per unit of
 * information, computed by the recursive numerical integration of Armitage, McPherson and Rowe (1969). The
 * guard inverts it: the drift, in standard errors of the latest look, that the looks so far detect with the
 * wanted power. Only crossings in the harmful direction count: a two-sided test's other side does not stop a
 * canary. For a sliding window the looks do not nest, so the sequence is the latest look alone (a lower bound
 * on the power of the sequence, so the guard stays on the safe side).
 *
 * @param information each look's information as a share of the latest look's (increasing, the last is 1)
 * @param levels      the false-alarm level each look was tested at
 */
public record LookSequence(double[] information, double[] levels) {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final Map<List<Object>, Double> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    public LookSequence {
        if (information.length != levels.length || information.length == 0) {
            throw new IllegalArgumentException("one level per look, at least one look");
        }
        information = information.clone();
        levels = levels.clone();
    }

    /** A single look: the sequence is that look alone. */
    public static LookSequence single(double level) {
        return new LookSequence(new double[] {1}, new double[] {level});
    }

    /**
     * The drift, in standard errors of the latest look, that the looks so far detect with the given power;
     * +infinity if no look had any level.
     */
    public double detectableDrift(double power, boolean twoSided) {
        List<Object> key = List.of(Arrays.toString(information), Arrays.toString(levels), power, twoSided);
        Double cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        double drift = solve(power, twoSided);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, drift);
        return drift;
    }

    private double solve(double power, boolean twoSided) {
        double[] c = criticals(twoSided);
        double zPower = NORMAL.inverseCumulativeProbability(power);
        // Each look alone reaches the power at drift (c_j + z_power) / sqrt(I_j): the sequence needs no more.
        double high = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            high = Math.min(high, (c[j] + zPower) / Math.sqrt(information[j]));
        }
        if (!Double.isFinite(high) || c.length == 1) {
            return high;
        }
        double low = 0;
        for (int i = 0; i < 40 && high - low > 1e-6; i++) {
            double mid = (low + high) / 2;
            if (power(mid, c) >= power) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    /** Probability that some look's Z crosses its critical value, with the given drift at the latest look. */
    double power(double drift, boolean twoSided) {
        return power(drift, criticals(twoSided));
    }

    private double[] criticals(boolean twoSided) {
        double[] c = new double[levels.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = levels[j] > 0 ? NORMAL.inverseSurvivalProbability(twoSided ? levels[j] / 2 : levels[j])
                    : Double.POSITIVE_INFINITY;
        }
        return c;
    }

    private double power(double drift, double[] c) {
        double minStep = information[0];
        for (int j = 1; j < information.length; j++) {
            minStep = Math.min(minStep, information[j] - information[j - 1]);
        }
        double h = Math.min(0.05, Math.sqrt(minStep) / 5);
        double lowest = -8;
        double[] xs = null;
        double[] density = null;
        double previous = 0;
        for (int j = 0; j < c.length; j++) {
            double step = information[j] - previous;
            double sd = Math.sqrt(step);
            // Paths not yet stopped: B below c_j sqrt(I_j), or anywhere if this look had no level.
            double top = Double.isFinite(c[j]) ? c[j] * Math.sqrt(information[j])
                    : drift * information[j] + 8 * Math.sqrt(information[j]);
            if (top <= lowest) {
                return 1;
            }
            int n = (int) Math.ceil((top - lowest) / h) + 1;
            double[] ys = new double[n];
            double[] next = new double[n];
            double dy = (top - lowest) / (n - 1);
            for (int i = 0; i < n; i++) {
                ys[i] = lowest + i * dy;
                if (xs == null) {
                    next[i] = phi((ys[i] - drift * step) / sd) / sd;
                } else {
                    double sum = 0;
                    for (int m = 0; m < xs.length; m++) {
                        double u = (ys[i] - xs[m] - drift * step) / sd;
                        if (u > -9 && u < 9) {
                            sum += density[m] * phi(u);
                        }
                    }
                    next[i] = sum / sd;
                }
            }
            // Trapezoid weights folded in, so the next step is a plain sum.
            double dx = dy;
            for (int i = 0; i < n; i++) {
                next[i] *= (i == 0 || i == n - 1) ? dx / 2 : dx;
            }
            xs = ys;
            density = next;
            previous = information[j];
        }
        double continuing = 0;
        for (double d : density) {
            continuing += d;
        }
        return Math.min(1, Math.max(0, 1 - continuing));
    }

    private static double phi(double u) {
        return Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
    }
}
