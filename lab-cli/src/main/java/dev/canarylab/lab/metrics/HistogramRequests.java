package dev.canarylab.lab.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of a window, rebuilt from a Prometheus histogram's buckets, for a quantile metric read from
 * Prometheus. A per-step p99 is a p99 of a few dozen requests, and the p99 of those values says little; the bucket
 * counts over the whole window are every request of it, only rounded to the bucket bounds.
 *
 * <p>A quantile metric whose query reads {@code [k *] histogram_quantile(q, INNER)}, where INNER is a
 * {@code sum by (le)} of a {@code rate} or an {@code increase} over {@code ${window}}, is read this way: INNER at
 * the window's end over the whole window gives the requests per bucket; each bucket's requests are spread evenly
 * between its bounds, as {@code histogram_quantile} assumes (the first bucket starts at 0; requests above the last
 * finite bound sit on it), then scaled by k. The quantile of these values is what {@code histogram_quantile}
 * returns for the window; its interval cannot be finer than the buckets.
 */
final class HistogramRequests {

    /** At most this many values are rebuilt; more requests are thinned evenly, bucket by bucket. */
    static final int MAX_VALUES = 500_000;

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*(?:([0-9]+(?:\\.[0-9]+)?)\\s*\\*\\s*)?histogram_quantile\\s*\\(\\s*[0-9.]+\\s*,(.*)\\)\\s*",
            Pattern.DOTALL);

    /**
     * The inner bucket query of a template and how to read it.
     *
     * @param inner  the {@code sum by (le) (...)} template
     * @param scale  the factor in front of {@code histogram_quantile} (1 when none)
     * @param isRate true when the inner query is a per-second rate (multiplied by the window's seconds)
     */
    record Template(String inner, double scale, boolean isRate) {
    }

    private HistogramRequests() {
    }

    /** The template's bucket query, or null when it is not a {@code histogram_quantile} over {@code ${window}}. */
    static Template parse(String template) {
        Matcher m = SHAPE.matcher(template);
        if (!m.matches()) {
            return null;
        }
        String inner = m.group(2).trim();
        boolean rate = inner.matches("(?s).*\\brate\\s*\\(.*") && !inner.matches("(?s).*\\b(irate|increase)\\s*\\(.*");
        boolean increase = inner.matches("(?s).*\\bincrease\\s*\\(.*");
        if (!inner.matches("(?s).*\\ble\\b.*") || !inner.contains("${" + PromQl.WINDOW + "}") || rate == increase) {
            return null;
        }
        return new Template(inner, m.group(1) == null ? 1 : Double.parseDouble(m.group(1)), rate);
    }

    /**
     * Rebuilds the requests, ascending.
     *
     * @param cumulative requests at or below each upper bound ({@code le}; +Inf allowed), as Prometheus counts them
     */
    static double[] rebuild(Map<Double, Double> cumulative, double scale) {
        TreeMap<Double, Double> sorted = new TreeMap<>(cumulative);
        // The largest cumulative count, not the last: a count that dips (a reset, rate's extrapolation) must not
        // make the buckets hold more requests than the array.
        double total = sorted.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        total = Math.max(0, total);
        double thin = total > MAX_VALUES ? MAX_VALUES / total : 1;
        double[] out = new double[(int) Math.min(MAX_VALUES + sorted.size(), Math.round(total * thin) + sorted.size())];
        int n = 0;
        double lower = 0;
        double below = 0;
        double lastFinite = 0;
        for (Map.Entry<Double, Double> e : sorted.entrySet()) {
            double upper = e.getKey();
            // Counters reset and rate extrapolation can make a cumulative count dip: never a negative bucket.
            double at = Math.max(below, e.getValue());
            int count = (int) Math.round((at - below) * thin);
            boolean infinite = Double.isInfinite(upper);
            for (int j = 0; j < count; j++) {
                out[n++] = scale * (infinite ? lastFinite : lower + (upper - lower) * (j + 0.5) / count);
            }
            below = at;
            if (!infinite) {
                lower = upper;
                lastFinite = upper;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
