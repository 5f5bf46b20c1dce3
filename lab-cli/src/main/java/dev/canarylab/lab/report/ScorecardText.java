package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.evaluate.Evaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code lab evaluate} scorecard: one row per scenario, four judges side by side. */
public final class ScorecardText {

    private ScorecardText() {
    }

    public static String render(Evaluation.Scorecard card) {
        return render(card, "Scorecard", "seed " + card.settings().seed());
    }

    /** The same table under another title ("Live scorecard"), its heading ending with where the traffic came from. */
    public static String render(Evaluation.Scorecard card, String title, String source) {
        AnalysisPlan plan = card.config().plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%s: %d trials per scenario, %s rps per version, looks every %s for %s (%s lookback), %s%n",
                title, card.settings().trials(), num(card.settings().rps()), Durations.format(plan.interval()),
                Durations.format(plan.lifetime()), plan.lookback().label(), source));
        out.append("alarm = FAIL or MARGINAL (canary not promoted); <=30s, <=60s = alarm within 30 s, 60 s;"
                + " t = median time to verdict; inc = INCONCLUSIVE at the end\n");
        out.append("On A/A every alarm is a false alarm; on a regression it is a detection.\n\n");

        int nameWidth = "scenario".length();
        for (Evaluation.Row row : card.rows()) {
            nameWidth = Math.max(nameWidth, row.scenario().name().length());
        }
        List<Evaluation.Cell> first = card.rows().get(0).cells();
        StringBuilder groups = new StringBuilder(" ".repeat(nameWidth));
        StringBuilder columns = new StringBuilder(pad("scenario", nameWidth));
        for (int c = 0; c < first.size(); c++) {
            String cols = c == 0 ? "  alarm  <=30s  <=60s     t    inc" : "  alarm  <=30s  <=60s     t";
            groups.append("  | ").append(pad(first.get(c).contender(), cols.length() - 2));
            columns.append("  |").append(cols);
        }
        out.append(groups.toString().stripTrailing()).append('\n');
        out.append(columns).append('\n');
        for (Evaluation.Row row : card.rows()) {
            StringBuilder line = new StringBuilder(pad(row.scenario().name(), nameWidth));
            for (int c = 0; c < row.cells().size(); c++) {
                Evaluation.Cell cell = row.cells().get(c);
                line.append("  |").append(String.format(Locale.ROOT, " %6s %6s %6s %5s", pct(cell.alarmRate()),
                        pct(cell.quickRate()), pct(cell.fastRate()), String.format(Locale.ROOT, "%.0fs", cell.medianVerdictSeconds())));
                if (c == 0) {
                    line.append(String.format(Locale.ROOT, " %6s", pct(cell.inconclusiveRate())));
                }
            }
            out.append(line).append('\n');
        }
        out.append(alarmsByMetric(card));
        out.append(String.format(Locale.ROOT, "%nKayenta-style: Mann-Whitney on 10 s step aggregates at %s%%"
                + " confidence per look, no power guard, no correction for repeated looks.%n",
                num(100 * card.config().confidence())));
        out.append("Flagger-style: canary alone, last interval: success rate >= 99% and p99 <= 500 ms;"
                + " rollback after 5 failed checks.\n");
        out.append("Argo-style: canary alone, last interval: success rate >= 0.95 (Argo's success-rate"
                + " AnalysisTemplate); failed when more than failureLimit 3 measurements failed.\n");
        out.append(String.format(Locale.ROOT, "(%.1f s)%n", card.wallSeconds()));
        return out.toString();
    }

    /** Why canary-lab raised its alarms: per scenario, the metrics HIGH or LOW at the verdict, in how many trials. */
    private static String alarmsByMetric(Evaluation.Scorecard card) {
        StringBuilder out = new StringBuilder();
        for (Evaluation.Row row : card.rows()) {
            Evaluation.Cell lab = row.cells().get(0);
            if (lab.alarmsByMetric().isEmpty()) {
                continue;
            }
            out.append("  ").append(row.scenario().name()).append(": ").append(lab.alarmsByMetric().entrySet()
                    .stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        return out.isEmpty() ? "" : String.format(Locale.ROOT, "%n%s alarms by metric (trials where it was HIGH or"
                + " LOW at the verdict):%n", card.rows().get(0).cells().get(0).contender()) + out;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * r);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
