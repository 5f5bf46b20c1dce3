package dev.canarylab.lab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canary judge: classifies every metric of a config and scores them. Pure and thread-safe; the live
 * analysis calls it at every look with an {@link AlphaSpending} level, {@code lab judge} once with the
 * whole budget.
 */
public final class Judge {

    /** Ends the test name of a metric whose canary broke a bound: "mann-whitney + bound". */
    public static final String BOUND = " + bound";
    /** Ends the test name of a metric whose canary and baseline both broke a bound (INCONCLUSIVE). */
    public static final String BOUND_ON_BOTH = " + bound on both";

    private final CanaryConfig config;

    public Judge(CanaryConfig config) {
        this.config = config;
    }

    public CanaryConfig config() {
        return config;
    }

    /** One judgement of recorded data, spending the whole false-alarm budget. */
    public Judgement judge(Map<String, TrackPair> data) {
        return judge(data, Look.single(config.confidence()), null);
    }

    /**
     * Judges one look.
     *
     * @param windowSeconds how long the judged samples took to collect, to turn "need N more requests"
     *                      into seconds and to apply minimum traffic; null when unknown
     */
    public Judgement judge(Map<String, TrackPair> data, Look look, Double windowSeconds) {
        List<MetricResult> results = new ArrayList<>(config.metrics().size());
        for (MetricSpec spec : config.metrics()) {
            results.add(judgeMetric(spec, data.get(spec.name()), look, windowSeconds));
        }
        return Scorer.score(config, results, look);
    }

    MetricResult judgeMetric(MetricSpec spec, TrackPair pair, Look look, Double windowSeconds) {
        MetricData baseline = pair == null ? null : pair.baseline();
        MetricData canary = pair == null ? null : pair.canary();
        for (MetricData d : new MetricData[] {canary, baseline}) {
            if (d instanceof MetricData.Unavailable u) {
                return result(spec, Comparison.simple(Classification.ERROR, "none", u.reason()), look, Stats.EMPTY,
                        Stats.EMPTY, windowSeconds, 0);
            }
        }
        boolean wantsCounts = spec.kind() == MetricKind.ERROR_RATIO;
        for (MetricData d : new MetricData[] {baseline, canary}) {
            if (d != null && (d instanceof MetricData.Counts) != wantsCounts) {
                return result(spec, Comparison.simple(Classification.ERROR, "none", wantsCounts
                        ? "an error-ratio metric needs {total, errors} counts, got values"
                        : "a " + spec.kind().label() + " metric needs values, got counts"),
                        look, Stats.EMPTY, Stats.EMPTY, windowSeconds, 0);
            }
        }
        if (wantsCounts) {
            MetricData.Counts b = (MetricData.Counts) baseline;
            MetricData.Counts c = (MetricData.Counts) canary;
            Stats sb = b == null ? Stats.EMPTY : Stats.ofCounts(b.total(), b.errors());
            Stats sc = c == null ? Stats.EMPTY : Stats.ofCounts(c.total(), c.errors());
            Comparison missing = missing(c == null || c.total() == 0, b == null || b.total() == 0, "requests");
            if (missing != null) {
                return result(spec, missing, look, sb, sc, windowSeconds, 0);
            }
            Comparison traffic = trafficGuard(spec, c.total(), windowSeconds);
            Comparison cmp = traffic != null ? traffic : ErrorRatioClassifier.classify(spec, b, c, look, config);
            return result(spec, withBound(cmp, BoundCheck.check(spec, null, c, look.alpha()),
                    BoundCheck.check(spec, null, b, look.alpha())), look, sb, sc, windowSeconds, c.total());
        }
        double[] b = prepare(spec, baseline);
        double[] c = prepare(spec, canary);
        Stats sb = Stats.ofSorted(b);
        Stats sc = Stats.ofSorted(c);
        Comparison missing = missing(c.length == 0, b.length == 0, "samples");
        if (missing != null) {
            return result(spec, missing, look, sb, sc, windowSeconds, 0);
        }
        Comparison negative = negative(spec, b, c);
        if (negative != null) {
            return result(spec, negative, look, sb, sc, windowSeconds, 0);
        }
        Comparison traffic = trafficGuard(spec, c.length, windowSeconds);
        Comparison cmp = traffic != null ? traffic : switch (spec.test()) {
            case QUANTILE -> QuantileClassifier.classify(spec, b, c, look, config, bounds(baseline), bounds(canary));
            case POISSON -> EventRateClassifier.classify(spec, b, c, look);
            default -> ShiftClassifier.classify(spec, b, c, look, config);
        };
        return result(spec, withBound(cmp, BoundCheck.check(spec, c, null, look.alpha()),
                BoundCheck.check(spec, b, null, look.alpha())), look, sb, sc, windowSeconds, c.length);
    }

    private static double[] bounds(MetricData d) {
        return d instanceof MetricData.Values v ? v.bounds() : null;
    }

    private static Comparison missing(boolean noCanary, boolean noBaseline, String what) {
        if (noCanary) {
            return Comparison.simple(Classification.NODATA, "none", "no canary " + what);
        }
        if (noBaseline) {
            return Comparison.simple(Classification.NODATA, "none", "no baseline " + what + " to compare with");
        }
        return null;
    }

    /**
     * Every kind measures something that cannot be negative (time, bytes, shares, levels, counts). A negative value
     * is a broken query or export, and judging it could pass a canary whose signs were flipped: ERROR, never a verdict.
     */
    private static Comparison negative(MetricSpec spec, double[] b, double[] c) {
        for (int t = 0; t < 2; t++) {
            double[] sorted = t == 0 ? c : b;
            if (sorted[0] < 0) {
                return Comparison.simple(Classification.ERROR, "none", "a " + spec.kind().label() + " cannot be"
                        + " negative, yet the " + (t == 0 ? "canary" : "baseline") + " has "
                        + Format.value(sorted[0], spec.unit()) + "; check the metric's query");
            }
        }
        return null;
    }

    /** Vamp-style minimum traffic: below it the metric cannot be judged yet. */
    private static Comparison trafficGuard(MetricSpec spec, long canarySize, Double windowSeconds) {
        if (spec.minTrafficPerMinute() == null || windowSeconds == null || !(windowSeconds > 0)) {
            return null;
        }
        double perMinute = canarySize * 60.0 / windowSeconds;
        if (perMinute >= spec.minTrafficPerMinute()) {
            return null;
        }
        // A rate, not a count: waiting longer at this rate never reaches it, so promise no "N more in T s".
        return new Comparison(Classification.INCONCLUSIVE, "traffic", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "ratio", Double.NaN, Double.NaN, Double.NaN, -1L,
                "canary traffic " + Format.number(perMinute) + "/min is below the minimum "
                        + Format.number(spec.minTrafficPerMinute()) + "/min; send more traffic to the canary");
    }

    /**
     * A bound the canary breaks turns anything but a comparison failure into HIGH or LOW, the evidence kept. When
     * the baseline breaks it the same way, the machine or the traffic breaks it, not the release: the metric is
     * INCONCLUSIVE (never a pass, and no blame on the canary); the comparison with the baseline still decides
     * whether the canary is worse.
     */
    private static Comparison withBound(Comparison cmp, BoundCheck.Violation violation,
            BoundCheck.Violation baselineViolation) {
        if (violation == null || cmp.classification().isFailure() || cmp.classification() == Classification.ERROR) {
            return cmp;
        }
        if (baselineViolation != null && baselineViolation.classification() == violation.classification()) {
            return new Comparison(Classification.INCONCLUSIVE, cmp.test() + BOUND_ON_BOTH, cmp.pValue(),
                    cmp.estimate(), cmp.lower(), cmp.upper(), cmp.scale(), cmp.meanRatio(), cmp.cles(), Double.NaN,
                    null, violation.reasonWith(baselineViolation) + "; " + cmp.reason());
        }
        return new Comparison(violation.classification(), cmp.test() + BOUND, cmp.pValue(), cmp.estimate(),
                cmp.lower(), cmp.upper(), cmp.scale(), cmp.meanRatio(), cmp.cles(), Double.NaN, null,
                violation.reason("canary") + "; " + cmp.reason());
    }

    private MetricResult result(MetricSpec spec, Comparison cmp, Look look, Stats sb, Stats sc,
            Double windowSeconds, long canarySize) {
        String finding = spec.name() + ": " + cmp.reason();
        if (cmp.classification() == Classification.PASS && look.alpha() <= 0) {
            // A look without any false-alarm budget could not have detected anything: it cannot pass either.
            return new MetricResult(spec.name(), spec.groups(), spec.kind(), spec.unit(), Classification.INCONCLUSIVE,
                    spec.critical(), false, spec.mustHaveData(), cmp.test(), cmp.pValue(), look.alpha(), cmp.estimate(),
                    cmp.lower(), cmp.upper(), cmp.scale(), cmp.meanRatio(), cmp.cles(), Thresholds.of(spec), sb, sc,
                    null, null, finding + "; no false-alarm budget left for this look (extend an analysis before its"
                            + " lifetime ends): INCONCLUSIVE", finding);
        }
        Classification cls = cmp.classification();
        boolean beyondCritical = (cls == Classification.HIGH && cmp.effect() > spec.criticalIncrease())
                || (cls == Classification.LOW && cmp.effect() < spec.criticalDecrease());
        boolean criticalFailure = cls.isFailure() && (spec.critical() || beyondCritical);
        Long need = cls == Classification.INCONCLUSIVE ? cmp.needMore() : null;
        Double needSeconds = null;
        StringBuilder reason = new StringBuilder(finding).append(": ").append(cls);
        if (beyondCritical && !spec.critical()) {
            reason.append(" (beyond the critical ").append(Format.ratio(
                    cls == Classification.HIGH ? spec.criticalIncrease() : spec.criticalDecrease())).append(")");
        }
        if (need != null && need > 0) {
            String what = spec.kind() == MetricKind.LATENCY || spec.kind() == MetricKind.ERROR_RATIO
                    ? "requests" : "samples";
            reason.append("; need about ").append(need).append(" more ").append(what).append(" per track");
            if (windowSeconds != null && windowSeconds > 0 && canarySize > 0) {
                needSeconds = need / (canarySize / windowSeconds);
                reason.append(" (~").append(Format.number(Math.ceil(needSeconds))).append(" s at the current rate)");
            }
        } else if (need != null) {
            need = null;
        }
        return new MetricResult(spec.name(), spec.groups(), spec.kind(), spec.unit(), cls, spec.critical(),
                criticalFailure, spec.mustHaveData(), cmp.test(), cmp.pValue(), look.alpha(), cmp.estimate(), cmp.lower(),
                cmp.upper(), cmp.scale(), cmp.meanRatio(), cmp.cles(), Thresholds.of(spec), sb, sc, need, needSeconds, reason.toString(),
                finding);
    }

    /** NaN handling (infinities count as NaN: no test can use them), optional outlier removal, sorting. */
    static double[] prepare(MetricSpec spec, MetricData data) {
        if (data == null) {
            return new double[0];
        }
        double[] raw = ((MetricData.Values) data).values();
        double[] out = new double[raw.length];
        int k = 0;
        for (double v : raw) {
            if (!Double.isFinite(v)) {
                if (spec.nanStrategy() == NanStrategy.REPLACE) {
                    out[k++] = spec.nanReplacement();
                }
            } else {
                out[k++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(out, k);
        Arrays.sort(sorted);
        return spec.removeOutliers() ? withoutOutliers(sorted) : sorted;
    }

    /**
     * Drops values beyond Tukey's far-out fences, 3 interquartile ranges past the quartiles. With an interquartile
     * range of 0 (a mostly idle metric: restarts or 5xx per step) the fences would fall on the quartiles and drop
     * every value that moved, so a restarting canary would look idle: nothing is dropped then.
     */
    static double[] withoutOutliers(double[] sorted) {
        if (sorted.length < 4) {
            return sorted;
        }
        double q1 = Stats.quantile(sorted, 0.25);
        double q3 = Stats.quantile(sorted, 0.75);
        if (!(q3 > q1)) {
            return sorted;
        }
        double lo = q1 - 3 * (q3 - q1);
        double hi = q3 + 3 * (q3 - q1);
        return Arrays.stream(sorted).filter(v -> v >= lo && v <= hi).toArray();
    }
}
