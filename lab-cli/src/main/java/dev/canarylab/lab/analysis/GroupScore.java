package dev.canarylab.lab.analysis;

/** One metric group's share of passing metrics, as Kayenta scores it. */
public record GroupScore(String group, double weight, int pass, int counted, int inconclusive, double score) {
}
