package dev.canarylab.lab.analysis;

import java.util.List;

/**
 * The judgement of one metric with all its evidence.
 *
 * @param unit            of the values ("ms", "MB"), empty when none
 * @param test            the comparison used ("mann-whitney", "quantile p99", "fisher", "poisson", "bound")
 * @param pValue          of the comparison, NaN when none ran
 * @param alpha           the level this look could spend on this metric
 * @param estimate        canary relative to baseline on {@code scale}: a ratio (1.2 = 20% more) or a difference
 * @param lower           lower end of the interval for the estimate (confidence 1 - alpha)
 * @param upper           upper end
 * @param scale           "ratio" or "difference"
 * @param meanRatio       canary mean / baseline mean (Kayenta's effect size)
 * @param cles            common-language effect size: P(canary value &gt; baseline value), ties counted half
 * @param thresholds      allowed and critical ratios and the bound it was judged against
 * @param criticalFailure this result forces the score to 0
 * @param needMore        requests (or steps) still needed per track before the metric may PASS, else null
 * @param needSeconds     the same at the current canary rate, when the rate is known, else null
 * @param reason          one plain sentence with the numbers that decided
 * @param finding         the start of {@code reason} without the classification and advice ("latency: p99 ..."), for
 *                        sentences that list several results; null when read from a file written before it existed
 */
public record MetricResult(
        String metric,
        List<String> groups,
        MetricKind kind,
        String unit,
        Classification classification,
        boolean critical,
        boolean criticalFailure,
        boolean mustHaveData,
        String test,
        double pValue,
        double alpha,
        double estimate,
        double lower,
        double upper,
        String scale,
        double meanRatio,
        double cles,
        Thresholds thresholds,
        Stats baseline,
        Stats canary,
        Long needMore,
        Double needSeconds,
        String reason,
        String finding) {

    public MetricResult {
        groups = List.copyOf(groups);
    }
}
