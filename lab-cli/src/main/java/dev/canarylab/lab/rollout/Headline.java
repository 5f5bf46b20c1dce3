package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Bound;
import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.TestKind;
import java.util.Optional;

/**
 * The figures of a verdict sentence about a value metric (latency, gauge, ratio). It leads with the statistic
 * the metric's test judged: the mean ratio, held against the allowance, and the Hodges-Lehmann shift for
 * Mann-Whitney; the quantile for the tail test; the bound's statistic for a broken bound. Any other figure
 * appears only when it moved the same way, or with a note that it did not ("p95 7.49 ms vs 7.56 ms, not
 * higher"): a live release 0.6 ms slower once read "p95 7.49 ms vs 7.56 ms on v1, mean 1.19x" under "slower".
 */
final class Headline {

    private Headline() {
    }

    /** "v3 is slower (latency): mean 412 ms vs 152 ms on v1 (2.71x, allowed 1.10x), shift 2.40x, p95 ...". */
    static String failing(MetricResult r, String canary, String baseline) {
        boolean up = r.classification() == Classification.HIGH;
        String subject = r.kind() == MetricKind.LATENCY
                ? canary + " is " + (up ? "slower" : "faster") + " (" + r.metric() + "): "
                : canary + "'s " + r.metric() + " is " + (up ? "higher" : "lower") + ": ";
        String allowed = "allowed " + Format.ratio(up ? r.thresholds().allowedIncrease()
                : r.thresholds().allowedDecrease()) + (up ? absolute(r, " and ") : "");
        Optional<Figure> bound = boundFigure(r);
        if (bound.isPresent()) {
            return subject + bound.get().values(r.unit()) + " on " + baseline + " (bound " + r.thresholds().bound()
                    + ")";
        }
        Figure mean = new Figure("mean", r.canary().mean(), r.baseline().mean());
        if (isTail(r)) {
            Figure q = tailFigure(r);
            return subject + q.judged(up, r.unit(), baseline, allowed)
                    + mean.beside(up, r.unit(), ratioOnly(mean, r.unit()), "the change is in the " + q.name());
        }
        String shift = shift(r, up);
        if (!(mean.moved(up) && Double.isFinite(mean.ratio()))) {
            // No mean ratio to hold against the allowance (a baseline mean of 0): the shift was judged, against the
            // absolute allowance over 0.
            String over = up && r.baseline().mean() == 0
                    ? "allowed +" + Format.value(r.thresholds().allowedAbsoluteIncrease(), r.unit()) + " over 0" : allowed;
            return subject + shift + " (" + over + "); " + mean.values(r.unit()) + " on " + baseline
                    + (mean.moved(up) ? "" : ", not " + (up ? "higher" : "lower"));
        }
        Figure p95 = new Figure("p95", r.canary().p95(), r.baseline().p95());
        return subject + mean.judged(up, r.unit(), baseline, allowed) + ", " + shift
                + p95.beside(up, r.unit(), p95.values(r.unit()), "the change is in the mean");
    }

    /**
     * A bound both tracks break, which holds the release back without blaming it: "v3 and v1 both break the bound
     * p99 <= 1 s (tail-latency: p99 2.33 s vs 2.47 s on v1): the machine or the traffic, not the release".
     */
    static String bothBreakTheBound(MetricResult r, String canary, String baseline) {
        return canary + " and " + baseline + " both break the bound " + r.thresholds().bound() + " (" + r.metric()
                + boundFigure(r).map(f -> ": " + f.values(r.unit()) + " on " + baseline).orElse("")
                + "): the machine or the traffic, not the release";
    }

    /**
     * The latency evidence of a PASS, the judged statistic first: " (latency: mean 7.52 ms vs 7.49 ms, 1.00x,
     * allowed 1.10x; p95 7.56 ms vs 7.49 ms; 3000 vs 3000 requests)". A figure beyond the allowance says why
     * it did not fail: its rise is within the absolute allowance ("1.11x, but +0.16 ms, within the allowed
     * +1 ms"), or the test needs a significant change, not only a ratio.
     */
    static String passAside(MetricResult r) {
        Stats b = r.baseline();
        Stats c = r.canary();
        boolean tail = isTail(r);
        boolean passed = r.classification() == Classification.PASS;
        Figure judged = tail ? tailFigure(r) : new Figure("mean", c.mean(), b.mean());
        double allowed = r.thresholds().allowedIncrease();
        StringBuilder s = new StringBuilder(" (").append(r.metric()).append(": ").append(judged.values(r.unit()));
        if (Double.isFinite(judged.ratio())) {
            s.append(", ").append(Format.ratio(judged.ratio()));
            double rise = judged.canary() - judged.baseline();
            double absolute = tail ? 0 : r.thresholds().allowedAbsoluteIncrease();
            if (passed && judged.ratio() > allowed && absolute > 0 && rise <= absolute) {
                s.append(", but +").append(Format.value(rise, r.unit())).append(", within the allowed")
                        .append(absolute(r, " "));
            } else if (passed && judged.ratio() > allowed) {
                s.append(", beyond the allowed ").append(Format.ratio(allowed)).append(" but ").append(
                        r.pValue() < r.alpha() ? "its shift's interval does not clear the tolerance band"
                                : "not significant (p=" + Format.pValue(r.pValue()) + ")");
            } else if (passed) {
                s.append(", allowed ").append(Format.ratio(allowed)).append(tail ? "" : absolute(r, " and "));
            }
        }
        if (!tail && c.count() > 1 && b.count() > 1) {
            Figure p95 = new Figure("p95", c.p95(), b.p95());
            s.append("; ").append(p95.values(r.unit()));
            if (passed && p95.ratio() > allowed && !(p95.ratio() <= judged.ratio())) {
                // The test judged the mean and the shift: a p95 beyond the allowance is not a contradiction,
                // but a reader must not take it for one.
                s.append(", ").append(Format.ratio(p95.ratio())).append(": the tail moved more than the mean");
            }
        }
        return s.append("; ").append(c.count()).append(" vs ").append(b.count()).append(" requests)").toString();
    }

    /**
     * "{@code joiner}+1 ms" where the absolute allowance, not the ratio, sets the tolerated increase over the
     * baseline's mean (a mean above 0 and below absolute / (ratio - 1)), else "".
     */
    private static String absolute(MetricResult r, String joiner) {
        double abs = r.thresholds().allowedAbsoluteIncrease();
        double meanB = r.baseline().mean();
        return abs > 0 && meanB > 0 && meanB * (r.thresholds().allowedIncrease() - 1) < abs
                ? joiner + "+" + Format.value(abs, r.unit()) : "";
    }

    static boolean isTail(MetricResult r) {
        return r.test().startsWith(TestKind.QUANTILE.label());
    }

    /** "shift 1.05x" (ratio scale) or "shift +3 ms" (difference), with a note when it went the other way. */
    private static String shift(MetricResult r, boolean up) {
        double e = r.estimate();
        if (!Double.isFinite(e)) {
            return "test " + r.test();
        }
        boolean ratio = "ratio".equals(r.scale());
        String text = "shift " + (ratio ? Format.ratio(e) : (e > 0 ? "+" : "") + Format.value(e, r.unit()));
        double neutral = ratio ? 1 : 0;
        return up == e > neutral && e != neutral ? text : text + ", not " + (up ? "higher" : "lower");
    }

    /** The tail test's quantile on both tracks ("quantile p99" names it); other quantiles only have the ratio. */
    private static Figure tailFigure(MetricResult r) {
        String name = r.test().substring(TestKind.QUANTILE.label().length()).trim().split(" ")[0];
        Stats b = r.baseline();
        Stats c = r.canary();
        return switch (name) {
            case "p50" -> new Figure(name, c.p50(), b.p50());
            case "p95" -> new Figure(name, c.p95(), b.p95());
            case "p99" -> new Figure(name, c.p99(), b.p99());
            default -> "ratio".equals(r.scale()) ? new Figure(name, r.estimate(), 1) : new Figure(name, Double.NaN,
                    Double.NaN);
        };
    }

    /** The canary statistic a broken bound is about, when this result broke a bound. */
    private static Optional<Figure> boundFigure(MetricResult r) {
        String bound = r.thresholds().bound();
        if (!(r.test().endsWith(Judge.BOUND) || r.test().endsWith(Judge.BOUND_ON_BOTH)) || bound == null) {
            return Optional.empty();
        }
        Stats b = r.baseline();
        Stats c = r.canary();
        return Bound.Statistic.fromLabel(bound.split(" ")[0]).map(s -> switch (s) {
            case MEAN, RATIO -> new Figure(s.label(), c.mean(), b.mean());
            case P50 -> new Figure(s.label(), c.p50(), b.p50());
            case P95 -> new Figure(s.label(), c.p95(), b.p95());
            case P99 -> new Figure(s.label(), c.p99(), b.p99());
            case MAX -> new Figure(s.label(), c.max(), b.max());
            case TOTAL -> new Figure(s.label(), c.mean() * c.count(), b.mean() * b.count());
        });
    }

    private static String ratioOnly(Figure f, String unit) {
        return Double.isFinite(f.ratio()) ? f.name() + " " + Format.ratio(f.ratio()) : f.values(unit);
    }

    /** One statistic on both tracks. */
    private record Figure(String name, double canary, double baseline) {

        boolean moved(boolean up) {
            return up ? canary > baseline : canary < baseline;
        }

        double ratio() {
            return baseline > 0 && canary >= 0 ? canary / baseline : Double.NaN;
        }

        String values(String unit) {
            return name + " " + Format.value(canary, unit) + " vs " + Format.value(baseline, unit);
        }

        /** The figure a test judged: "mean 412 ms vs 152 ms on v1 (2.71x, allowed 1.10x)". */
        String judged(boolean up, String unit, String baselineName, String allowed) {
            if (!moved(up)) {
                return values(unit) + " on " + baselineName + ", not " + (up ? "higher" : "lower") + " (" + allowed
                        + ")";
            }
            return values(unit) + " on " + baselineName + " (" + (Double.isFinite(ratio())
                    ? Format.ratio(ratio()) + ", " : "") + allowed + ")";
        }

        /** A figure beside the judged one: ", {@code agreeing}" if it moved the same way, else a note. */
        String beside(boolean up, String unit, String agreeing, String why) {
            if (Double.isNaN(canary) || Double.isNaN(baseline)) {
                return "";
            }
            return moved(up) ? ", " + agreeing
                    : "; " + values(unit) + ", not " + (up ? "higher" : "lower") + ": " + why;
        }
    }
}
