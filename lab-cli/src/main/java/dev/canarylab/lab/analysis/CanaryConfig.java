package dev.canarylab.lab.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A canary config: the metrics, how they are weighed, and when the analysis looks.
 *
 * @param groupWeights weight per metric group; empty means every group weighs the same
 * @param marginal     scores below this FAIL
 * @param pass         scores at or above this PASS; in between is MARGINAL
 * @param confidence   per metric over the whole lifetime (Kayenta's default is 0.98)
 * @param power        chance of detecting the allowed effect demanded before a metric may PASS
 * @param tolerance    Kayenta's band: a difference counts only if its interval clears this fraction of
 *                     the estimate
 */
public record CanaryConfig(List<MetricSpec> metrics, Map<String, Double> groupWeights, double marginal,
        double pass, double confidence, double power, double tolerance, AnalysisPlan plan) {

    public CanaryConfig {
        metrics = List.copyOf(metrics);
        groupWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupWeights));
    }

    public Optional<MetricSpec> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public double weightOf(String group) {
        if (groupWeights.isEmpty()) {
            return 1.0;
        }
        return groupWeights.getOrDefault(group, 0.0);
    }

    public CanaryConfig withMetrics(List<MetricSpec> newMetrics) {
        return new CanaryConfig(newMetrics, groupWeights, marginal, pass, confidence, power, tolerance, plan);
    }

    public CanaryConfig withPower(double newPower) {
        return new CanaryConfig(metrics, groupWeights, marginal, pass, confidence, newPower, tolerance, plan);
    }

    public CanaryConfig withPlan(AnalysisPlan newPlan) {
        return new CanaryConfig(metrics, groupWeights, marginal, pass, confidence, power, tolerance, newPlan);
    }
}
