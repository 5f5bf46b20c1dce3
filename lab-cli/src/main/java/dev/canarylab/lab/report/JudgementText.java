package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import java.util.ArrayList;
import java.util.List;

/** A judgement as people read it: the verdict, a Kayenta-style table, then one sentence per metric. */
public final class JudgementText {

    private JudgementText() {
    }

    public static String render(Judgement j) {
        StringBuilder out = new StringBuilder();
        out.append("Verdict: ").append(j.verdict()).append("  (score ").append(Format.number(j.score()));
        if (j.scoreLow() != j.scoreHigh()) {
            out.append(", ").append(Format.number(j.scoreLow())).append("-").append(Format.number(j.scoreHigh()))
                    .append(" with open metrics");
        }
        out.append("; marginal ").append(Format.number(j.marginal())).append(", pass ")
                .append(Format.number(j.pass())).append("; ").append(j.look().describe()).append(")\n");
        out.append(j.reason()).append("\n\n");
        out.append(table(j)).append('\n');
        for (MetricResult r : j.results()) {
            out.append("  ").append(r.reason()).append('\n');
        }
        return out.toString();
    }

    /** The Kayenta-style table: one row per metric with both tracks' count, mean and p95, change and p-value. */
    public static String table(Judgement j) {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METRIC", "GROUP", "RESULT", "TEST", "BASELINE n / mean / p95",
            "CANARY n / mean / p95", "CHANGE [INTERVAL]", "P"});
        for (MetricResult r : j.results()) {
            String unit = r.kind() == MetricKind.ERROR_RATIO ? "%" : r.unit();
            rows.add(new String[] {
                r.metric() + (r.critical() ? " *" : ""),
                String.join(",", r.groups()),
                r.classification().name(),
                r.test(),
                RolloutTable.stats(r.baseline(), unit),
                RolloutTable.stats(r.canary(), unit),
                RolloutTable.change(r, "-"),
                Format.pValue(r.pValue())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("(* critical)\n");
        return out.toString();
    }
}
