package dev.canarylab.lab.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kayenta's scoring, plus an honest INCONCLUSIVE.
 *
 * <p>Group score = pass / (pass + high + low + NODATA on metrics that must have data); NODATA elsewhere is
 * left out. The total is the weighted mean of the group scores, 0-100. A critical metric that is HIGH or
 * LOW (or any metric beyond its critical ratio), a critical metric with NODATA, or NODATA on half the
 * metrics or more forces the score to 0. Score &lt; marginal is FAIL, &gt;= pass is PASS, MARGINAL in between.
 *
 * <p>INCONCLUSIVE and ERROR metrics are scored twice: as failing (low) and as passing (high). FAIL stands if
 * even the high score fails. Otherwise any ERROR metric makes the verdict ERROR, naming the metrics and why
 * (a stopped Prometheus must not pass, nor hide behind "not yet conclusive"). Otherwise the verdict is
 * INCONCLUSIVE when a critical metric is inconclusive or when low and high fall in different bands; evidence
 * that could not change the outcome does not hold the verdict back.
 *
 * <p>Before the last look of a live analysis, NODATA on a critical or must-have-data metric holds the
 * verdict INCONCLUSIVE instead (the first scrape or request may not have come yet); at the last look, and in a
 * single judgement, it fails as above.
 */
final class Scorer {

    private Scorer() {
    }

    static Judgement score(CanaryConfig config, List<MetricResult> results, Look look) {
        List<String> forced = new ArrayList<>();
        // Before the last look, missing data may still arrive (the first scrape, the first canary request):
        // it holds the verdict open instead of failing it. At the last look it fails, as it always did.
        boolean pending = !look.last();
        long nodata = results.stream().filter(r -> r.classification() == Classification.NODATA).count();
        for (MetricResult r : results) {
            if (r.criticalFailure()) {
                forced.add(r.metric() + (r.critical() ? " (critical)" : "") + " is " + r.classification());
            } else if (r.critical() && r.classification() == Classification.NODATA && !pending) {
                forced.add(r.metric() + " (critical) has no data");
            }
        }
        if (!pending && !results.isEmpty() && nodata * 2 >= results.size()) {
            forced.add(nodata + " of " + results.size() + " metrics have no data");
        }

        Set<String> names = new LinkedHashSet<>(config.groupWeights().keySet());
        results.forEach(r -> names.addAll(r.groups()));
        List<GroupScore> groups = new ArrayList<>();
        double[] sums = new double[3];
        double[] weights = new double[3];
        for (String g : names) {
            int pass = 0;
            int fail = 0;
            int open = 0;
            for (MetricResult r : results) {
                if (!r.groups().contains(g)) {
                    continue;
                }
                switch (r.classification()) {
                    case PASS -> pass++;
                    case HIGH, LOW -> fail++;
                    case NODATA -> {
                        if (pending && (r.mustHaveData() || r.critical())) {
                            open++;
                        } else {
                            fail += r.mustHaveData() ? 1 : 0;
                        }
                    }
                    case INCONCLUSIVE, ERROR -> open++;
                }
            }
            double w = config.weightOf(g);
            int[] passes = {pass, pass, pass + open};
            int[] counted = {pass + fail, pass + fail + open, pass + fail + open};
            for (int v = 0; v < 3; v++) {
                if (counted[v] > 0 && w > 0) {
                    sums[v] += w * passes[v] / counted[v];
                    weights[v] += w;
                }
            }
            if (pass + fail + open > 0) {
                groups.add(new GroupScore(g, w, pass, pass + fail, open,
                        pass + fail > 0 ? 100.0 * pass / (pass + fail) : Double.NaN));
            }
        }
        double score = weights[0] > 0 ? 100 * sums[0] / weights[0] : Double.NaN;
        double low = weights[1] > 0 ? 100 * sums[1] / weights[1] : 0;
        double high = weights[2] > 0 ? 100 * sums[2] / weights[2] : 0;
        String thresholds = "marginal " + Format.number(config.marginal()) + ", pass " + Format.number(config.pass());

        if (!forced.isEmpty()) {
            String why = String.join(", ", forced) + ": score forced to 0 < marginal "
                    + Format.number(config.marginal()) + ": FAIL";
            return new Judgement(Verdict.FAIL, 0, 0, 0, config.marginal(), config.pass(), groups, results, look, why);
        }
        Verdict bandLow = band(config, low);
        Verdict bandHigh = band(config, high);
        String groupText = groups.stream()
                .map(g -> g.group() + " " + g.pass() + "/" + g.counted() + (g.inconclusive() > 0
                        ? " (+" + g.inconclusive() + " open)" : ""))
                .collect(Collectors.joining(", "));
        List<String> open = results.stream()
                .filter(r -> r.classification() == Classification.INCONCLUSIVE
                        || r.classification() == Classification.ERROR
                        || pending && r.classification() == Classification.NODATA && (r.critical() || r.mustHaveData()))
                .map(MetricResult::metric).toList();
        List<String> criticalOpen = results.stream()
                .filter(r -> r.critical() && (r.classification() == Classification.INCONCLUSIVE
                        || r.classification() == Classification.ERROR
                        || pending && r.classification() == Classification.NODATA))
                .map(MetricResult::metric).toList();
        List<MetricResult> errors = results.stream()
                .filter(r -> r.classification() == Classification.ERROR).toList();
        Verdict verdict;
        String why;
        if (bandHigh == Verdict.FAIL) {
            verdict = Verdict.FAIL;
            why = "score " + scoreText(score, low, high) + " (" + groupText + ") < marginal "
                    + Format.number(config.marginal());
        } else if (!errors.isEmpty()) {
            verdict = Verdict.ERROR;
            why = errors.size() + " of " + results.size() + (results.size() == 1 ? " metric" : " metrics")
                    + " could not be judged: " + errors.stream().map(MetricResult::finding)
                            .collect(Collectors.joining("; "));
        } else if (!criticalOpen.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            why = "critical " + (criticalOpen.size() == 1 ? "metric " : "metrics ") + String.join(", ", criticalOpen)
                    + " not yet conclusive; score " + scoreText(score, low, high) + " (" + groupText + ")";
        } else if (bandLow == bandHigh) {
            verdict = bandLow;
            why = "score " + Format.number(Double.isNaN(score) ? high : score) + " (" + groupText + "), " + thresholds
                    + noDataText(results);
        } else {
            verdict = Verdict.INCONCLUSIVE;
            why = "score between " + Format.number(low) + " and " + Format.number(high) + " depending on "
                    + String.join(", ", open) + " (" + groupText + "), " + thresholds;
        }
        return new Judgement(verdict, Double.isNaN(score) ? low : score, low, high, config.marginal(), config.pass(),
                groups, results, look, why + ": " + verdict);
    }

    /**
     * Kayenta leaves NODATA out of the score, so a PASS can stand on fewer metrics than the config lists: the
     * sentence names them, lest a misspelt query read as a clean pass.
     */
    private static String noDataText(List<MetricResult> results) {
        List<MetricResult> none = results.stream().filter(r -> r.classification() == Classification.NODATA).toList();
        if (none.isEmpty()) {
            return "";
        }
        boolean leftOut = none.stream().noneMatch(MetricResult::mustHaveData);
        return "; no data for " + none.stream().map(MetricResult::metric).collect(Collectors.joining(", "))
                + (leftOut ? " (left out of the score)" : "");
    }

    private static String scoreText(double score, double low, double high) {
        if (low == high) {
            return Format.number(low);
        }
        return String.format(Locale.ROOT, "%s-%s", Format.number(low), Format.number(high));
    }

    static Verdict band(CanaryConfig config, double score) {
        if (score >= config.pass()) {
            return Verdict.PASS;
        }
        return score >= config.marginal() ? Verdict.MARGINAL : Verdict.FAIL;
    }
}
