package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Stats;
import java.util.List;

/**
 * The cells of the Kayenta-style metric table, as plain text, shared by the Markdown and HTML reports. The
 * numbers are written as {@link JudgementText} writes them in the terminal.
 */
final class RolloutTable {

    static final List<String> HEADER = List.of("Metric", "Group", "Result", "Test", "Baseline n / mean / p95",
            "Canary n / mean / p95", "Change [interval]", "p-value", "Reason");

    private RolloutTable() {
    }

    /** "; no data for cpu, heap" when metrics had no data (Kayenta leaves them out of the score), else "". */
    static String noData(Judgement j) {
        List<String> none = j.noData();
        return none.isEmpty() ? "" : "; no data for " + String.join(", ", none);
    }

    static List<String> row(MetricResult r) {
        String unit = r.kind() == MetricKind.ERROR_RATIO ? "%" : r.unit();
        return List.of(r.metric() + (r.critical() ? " (critical)" : ""), String.join(", ", r.groups()),
                r.classification().name(), r.test(), stats(r.baseline(), unit), stats(r.canary(), unit), change(r),
                Format.pValue(r.pValue()), r.reason());
    }

    static String stats(Stats s, String unit) {
        if (s.count() == 0) {
            return "no data";
        }
        if ("%".equals(unit)) {
            return s.count() + " / " + Format.percent(s.mean()) + " (" + s.errors() + " errors)";
        }
        return s.count() + " / " + Format.value(s.mean(), unit) + " / " + Format.value(s.p95(), unit);
    }

    static String change(MetricResult r) {
        return change(r, " - ");
    }

    /** The change and its interval; {@code dash} separates the ends of a ratio interval. */
    static String change(MetricResult r, String dash) {
        if (Double.isNaN(r.estimate())) {
            return "-";
        }
        if ("ratio".equals(r.scale())) {
            return Format.ratio(r.estimate()) + (Double.isNaN(r.lower()) ? ""
                    : " [" + Format.ratio(r.lower()) + dash + Format.ratio(r.upper()) + "]");
        }
        if (r.kind() == MetricKind.ERROR_RATIO) {
            return signed(Format.percent(r.estimate()), r.estimate()) + " [" + signed(Format.percent(r.lower()),
                    r.lower()) + " to " + signed(Format.percent(r.upper()), r.upper()) + "]";
        }
        return signed(Format.number(r.estimate()), r.estimate()) + " [" + Format.number(r.lower()) + " to "
                + Format.number(r.upper()) + "]";
    }

    private static String signed(String s, double v) {
        return v > 0 ? "+" + s : s;
    }
}
