package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * Rare events counted per step (restarts, OOM kills). Given the total of both tracks, the canary's share is
 * binomial with p = its share of the steps when both rates are equal: the exact conditional test for two
 * Poisson rates (Przyborowski and Wilenski, 1940). Counts this sparse rarely reach significance, so give
 * such metrics an absolute bound ("restarts &lt;= 2") as well. No power guard applies when the rates look
 * alike (a track without events has no spread to measure), but a rate beyond the allowed ratio that is not
 * significant is INCONCLUSIVE, never PASS.
 */
final class EventRateClassifier {

    private EventRateClassifier() {
    }

    static Comparison classify(MetricSpec spec, double[] b, double[] c, Look look) {
        String test = TestKind.POISSON.label();
        for (double[] values : new double[][] {b, c}) {
            for (double v : values) {
                if (v < 0 || v != Math.rint(v)) {
                    return Comparison.simple(Classification.ERROR, test,
                            "count metrics need whole non-negative numbers per step, got " + Format.number(v));
                }
            }
        }
        double events = 0;
        for (double[] values : new double[][] {b, c}) {
            for (double v : values) {
                events += v;
            }
        }
        if (events > Integer.MAX_VALUE) {
            return Comparison.simple(Classification.ERROR, test, "too many events (" + Format.number(events)
                    + ") for the exact test of counts; is this a count metric (restarts, OOM kills)?");
        }
        long kb = sum(b);
        long kc = sum(c);
        double rateB = (double) kb / b.length;
        double rateC = (double) kc / c.length;
        double ratio = kb > 0 ? rateC / rateB : (kc > 0 ? Double.POSITIVE_INFINITY : 1.0);
        String evidence = "total " + kc + " in " + c.length + " steps vs " + kb + " in " + b.length + " steps";
        if (kb + kc == 0) {
            return new Comparison(Classification.PASS, test, 1.0, 1.0, Double.NaN, Double.NaN, "ratio", 1.0,
                    Double.NaN, 1.0, null, evidence + ", no events on either track");
        }
        AlternativeHypothesis alternative = switch (spec.direction()) {
            case INCREASE -> AlternativeHypothesis.GREATER_THAN;
            case DECREASE -> AlternativeHypothesis.LESS_THAN;
            case EITHER -> AlternativeHypothesis.TWO_SIDED;
        };
        double share = (double) c.length / (b.length + c.length);
        double p = BinomialTest.withDefaults().with(alternative)
                .test(Math.toIntExact(kb + kc), Math.toIntExact(kc), share).getPValue();
        evidence += (Double.isFinite(ratio) ? " (rate " + Format.ratio(ratio) + ")" : "") + ", "
                + ShiftClassifier.allowedText(spec) + ", p=" + Format.pValue(p);
        boolean significant = p < look.alpha();
        if (spec.direction().watchesIncrease() && significant && ratio > spec.allowedIncrease()) {
            return new Comparison(Classification.HIGH, test, p, ratio, Double.NaN, Double.NaN, "ratio", ratio,
                    Double.NaN, ratio, null, evidence);
        }
        if (spec.direction().watchesDecrease() && significant && ratio < spec.allowedDecrease()) {
            return new Comparison(Classification.LOW, test, p, ratio, Double.NaN, Double.NaN, "ratio", ratio,
                    Double.NaN, ratio, null, evidence);
        }
        boolean looksWorse = (spec.direction().watchesIncrease() && ratio > spec.allowedIncrease())
                || (spec.direction().watchesDecrease() && ratio < spec.allowedDecrease());
        if (looksWorse) {
            // Beyond the allowed ratio yet not significant: too few events to tell a regression from chance.
            return new Comparison(Classification.INCONCLUSIVE, test, p, ratio, Double.NaN, Double.NaN, "ratio",
                    ratio, Double.NaN, ratio, -1L, evidence + "; the rate is beyond the allowed ratio but too few"
                            + " events to tell it from chance");
        }
        return new Comparison(Classification.PASS, test, p, ratio, Double.NaN, Double.NaN, "ratio", ratio,
                Double.NaN, ratio, null, evidence);
    }

    private static long sum(double[] values) {
        long s = 0;
        for (double v : values) {
            s += (long) v;
        }
        return s;
    }
}
