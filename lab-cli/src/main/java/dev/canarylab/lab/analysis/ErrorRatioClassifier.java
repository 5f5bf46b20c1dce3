package dev.canarylab.lab.analysis;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Error ratios judged on the counts, with Fisher's exact test, so that a baseline with 0 errors still lets
 * 0/1000 vs 40/1000 fail (a ratio of rates cannot: 40/0 is undefined) and 0/10 vs 1/10 stays inconclusive.
 *
 * <p>HIGH needs p below the look's level and a canary ratio above both the allowed ratio times the
 * baseline's and the baseline's plus the allowed absolute increase. The interval is Newcombe's for the
 * difference of the two ratios. Power guard: standard error of the difference under the null, from the
 * pooled ratio with one pseudo-error and one pseudo-success added so that zero counts still have a spread.
 */
final class ErrorRatioClassifier {

    private ErrorRatioClassifier() {
    }

    static Comparison classify(MetricSpec spec, MetricData.Counts b, MetricData.Counts c, Look look,
            CanaryConfig config) {
        String test = TestKind.FISHER.label();
        double pb = (double) b.errors() / b.total();
        double pc = (double) c.errors() / c.total();
        double ratio = pb > 0 ? pc / pb : (pc > 0 ? Double.POSITIVE_INFINITY : 1.0);
        AlternativeHypothesis alternative = switch (spec.direction()) {
            case INCREASE -> AlternativeHypothesis.GREATER_THAN;
            case DECREASE -> AlternativeHypothesis.LESS_THAN;
            case EITHER -> AlternativeHypothesis.TWO_SIDED;
        };
        int[][] table = {
            {Math.toIntExact(c.errors()), Math.toIntExact(c.total() - c.errors())},
            {Math.toIntExact(b.errors()), Math.toIntExact(b.total() - b.errors())}};
        double p = FisherExactTest.withDefaults().with(alternative).test(table).getPValue();
        double alpha = look.alpha();
        double[] ci = alpha > 0
                ? ProportionInterval.difference(c.errors(), c.total(), b.errors(), b.total(), alpha)
                : new double[] {-1, 1};
        double toleratedUp = Math.max(pb * spec.allowedIncrease(), pb + spec.allowedAbsoluteIncrease());
        double toleratedDown = pb * spec.allowedDecrease();
        String evidence = "ratio " + Format.percent(pc) + " (" + c.errors() + "/" + c.total() + ") vs "
                + Format.percent(pb) + " (" + b.errors() + "/" + b.total() + ")"
                + (Double.isFinite(ratio) ? " (" + Format.ratio(ratio) + ")" : "")
                + ", difference interval " + signedPoints(ci[0]) + " to " + signedPoints(ci[1])
                + ", " + allowedText(spec.direction(), toleratedUp, toleratedDown) + ", p=" + Format.pValue(p);
        double effect = ratio;
        boolean significant = p < alpha;
        if (spec.direction().watchesIncrease() && significant && pc > toleratedUp) {
            return new Comparison(Classification.HIGH, test, p, pc - pb, ci[0], ci[1], "difference", ratio,
                    Double.NaN, effect, null, evidence);
        }
        if (spec.direction().watchesDecrease() && significant && pc < toleratedDown) {
            return new Comparison(Classification.LOW, test, p, pc - pb, ci[0], ci[1], "difference", ratio,
                    Double.NaN, effect, null, evidence);
        }
        double pooled = (b.errors() + c.errors() + 1.0) / (b.total() + c.total() + 2.0);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / b.total() + 1.0 / c.total()));
        double smoothedB = (b.errors() + 0.5) / (b.total() + 1.0);
        double allowedDelta = switch (spec.direction()) {
            case INCREASE -> Math.max(smoothedB * (spec.allowedIncrease() - 1), spec.allowedAbsoluteIncrease());
            case DECREASE -> smoothedB * (1 - spec.allowedDecrease());
            case EITHER -> Math.min(Math.max(smoothedB * (spec.allowedIncrease() - 1),
                    spec.allowedAbsoluteIncrease()), smoothedB * (1 - spec.allowedDecrease()));
        };
        boolean twoSided = spec.direction() == Direction.EITHER;
        double detectable = PowerGuard.detectable(se, look, twoSided, spec.powerOr(config.power()));
        if (spec.powerOr(config.power()) > 0 && (detectable > allowedDelta)) {
            long need = Math.max(1, PowerGuard.needMore(Math.min(b.total(), c.total()), detectable, allowedDelta));
            String change = switch (spec.direction()) {
                case INCREASE -> "an increase";
                case DECREASE -> "a decrease";
                case EITHER -> "a change";
            };
            return new Comparison(Classification.INCONCLUSIVE, test, p, pc - pb, ci[0], ci[1], "difference", ratio,
                    Double.NaN, effect, need, evidence + "; too few requests to detect " + change + " of " + Format.percent(allowedDelta)
                            + " (it could only detect " + Format.percent(detectable) + ")");
        }
        return new Comparison(Classification.PASS, test, p, pc - pb, ci[0], ci[1], "difference", ratio,
                Double.NaN, effect, null, evidence);
    }

    private static String allowedText(Direction direction, double up, double down) {
        return switch (direction) {
            case INCREASE -> "allowed up to " + Format.percent(up);
            case DECREASE -> "allowed down to " + Format.percent(down);
            case EITHER -> "allowed " + Format.percent(down) + " to " + Format.percent(up);
        };
    }

    private static String signedPoints(double d) {
        return (d > 0 ? "+" : "") + Format.percent(d);
    }
}
