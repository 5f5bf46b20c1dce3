package dev.canarylab.traffic.stats;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The summary as a short table for people, printed on stdout when the JSON goes to a file. */
public final class SummaryTable {

    private static final String ROW = "%-28s %8s %8s %6s %9s %8s %6s %6s %6s %7s%n";

    private SummaryTable() {
    }

    public static void print(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "%s against %s: %.1f s%s, requested %.2f rps%n", s.shape(), s.target(),
                s.durationSeconds(), s.stoppedEarly() ? " (stopped early)" : "", s.requestedRps());
        out.printf(Locale.ROOT, ROW, "endpoint", "count", "ok", "ko", "rps", "mean ms", "p50", "p95", "p99", "max");
        for (Map.Entry<String, Stats> e : s.endpoints().entrySet()) {
            row(out, e.getKey(), e.getValue());
        }
        row(out, "total", s.total());
        s.errors().forEach((kind, n) -> out.printf(Locale.ROOT, "error: %s x%d%n", kind, n));
        for (AssertionResult a : s.assertions()) {
            out.println(a.describe());
        }
        if (s.report() != null) {
            out.println("report: " + s.report());
        }
    }

    private static void row(PrintStream out, String name, Stats st) {
        out.printf(Locale.ROOT, ROW, name, st.count(), st.ok(), st.ko(), String.format(Locale.ROOT, "%.2f", st.rps()),
                String.format(Locale.ROOT, "%.1f", st.meanMs()), st.p50Ms(), st.p95Ms(), st.p99Ms(), st.maxMs());
    }
}
