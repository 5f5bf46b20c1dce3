package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.evaluate.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code lab evaluate} scorecard: one row per scenario, three judges side by side. */
public final class ScorecardText {

    private ScorecardText() {
    }

    public static String render(Evaluation.Scorecard card) {
        AnalysisPlan plan = card.config().plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Scorecard: %d trials per scenario, %s rps per version, looks every %s for %s (%s lookback),"
                        + " seed %d%n",
                card.settings().trials(), num(card.settings().rps()), Durations.format(plan.interval()),
                Durations.format(plan.lifetime()), plan.lookback().label(), card.settings().seed()));
        out.append("alarm = FAIL or MARGINAL (canary not promoted); <=60s = alarm within 60 s;"
                + " t = median time to verdict; inc = INCONCLUSIVE at the end\n");
        out.append("On A/A every alarm is a false alarm; on a regression it is a detection.\n\n");

        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario"));
        var first = card.rows().get(0).cells();
        for (int c = 0; c < first.size(); c++) {
            String name = first.get(c).contender();
            header.add(name + " alarm");
            header.add("<=60s");
            header.add("t");
            if (c == 0) {
                header.add("inc");
            }
        }
        rows.add(header.toArray(String[]::new));
        for (Evaluation.Row row : card.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.scenario().name()));
            for (int c = 0; c < row.cells().size(); c++) {
                Evaluation.Cell cell = row.cells().get(c);
                cells.add(pct(cell.alarmRate()));
                cells.add(pct(cell.fastRate()));
                cells.add(String.format(Locale.ROOT, "%.0fs", cell.medianVerdictSeconds()));
                if (c == 0) {
                    cells.add(pct(cell.inconclusiveRate()));
                }
            }
            rows.add(cells.toArray(String[]::new));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean left = i == 0;
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(left ? r[i] + pad : pad + r[i]).append(i == 0 ? "  |" : "  ");
                if (i < r.length - 1 && (r.length - i - 1) % 3 == 0 && i > 0 && i != 1) {
                    line.append("| ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nKayenta-style: Mann-Whitney on 10 s step aggregates at %s%%"
                + " confidence per look, no power guard, no correction for repeated looks.%n",
                num(100 * card.config().confidence())));
        out.append("Flagger-style: canary alone, last interval: success rate >= 99% and p99 <= 500 ms;"
                + " rollback after 5 failed checks.\n");
        out.append(String.format(Locale.ROOT, "(%.1f s)%n", card.wallSeconds()));
        return out.toString();
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * r);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
