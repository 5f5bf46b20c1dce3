package dev.canarylab.lab.analysis;

import java.util.List;

/**
 * The result of one look: verdict, Kayenta score and every metric's evidence.
 *
 * @param score     0-100, inconclusive metrics left out
 * @param scoreLow  the score if every inconclusive metric turned out failing
 * @param scoreHigh the score if every inconclusive metric turned out passing
 * @param reason    one sentence saying what decided
 */
public record Judgement(Verdict verdict, double score, double scoreLow, double scoreHigh, double marginal,
        double pass, List<GroupScore> groups, List<MetricResult> results, Look look, String reason) {

    public Judgement {
        groups = List.copyOf(groups);
        results = List.copyOf(results);
    }

    /** The metrics that had no data (NODATA), in the config's order. */
    public List<String> noData() {
        return results.stream().filter(r -> r.classification() == Classification.NODATA).map(MetricResult::metric)
                .toList();
    }

    /** A clear failure: the analysis can stop early. */
    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
