package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import dev.canarylab.lab.rollout.RolloutRecord.Event;
import dev.canarylab.lab.rollout.RolloutRecord.Step;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollout as Markdown (GitHub-flavoured, for a pull request or a CI summary): the outcome and its sentence up
 * top, the steps, then per analysis its verdict sentence, the metric table, queries and notes, then the events.
 */
public final class RolloutMarkdown {

    private RolloutMarkdown() {
    }

    public static String render(RolloutRecord r) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(inline(r.title())).append("\n\n");
        out.append("**").append(outcome(r)).append("**: ").append(inline(r.sentence())).append("\n\n");
        out.append("Strategy ").append(inline(r.strategy())).append(", ").append(inline(r.stableVersion()))
                .append(" -> ").append(inline(r.canaryVersion())).append(", metrics from ")
                .append(inline(r.source())).append(", ").append(time(r.started())).append(" to ")
                .append(time(r.ended())).append(" (").append(elapsed(r.started(), r.ended())).append(").\n\n");

        out.append("## Steps\n\n");
        table(out, List.of("#", "Step", "Started", "Took", "Result"));
        for (Step s : r.steps()) {
            row(out, List.of(Integer.toString(s.number()), s.description(), "+" + elapsed(r.started(), s.started()),
                    elapsed(s.started(), s.ended()), s.result()));
        }
        out.append('\n');

        for (Analysis a : r.analyses()) {
            analysis(out, r, a);
        }

        out.append(ShadowSection.markdown(r));
        out.append("## Events\n\n");
        table(out, List.of("Time", "Type", "What happened"));
        for (Event e : r.events()) {
            row(out, List.of("+" + elapsed(r.started(), e.time()), e.type().id(), e.message()));
        }
        return out.toString();
    }

    private static void analysis(StringBuilder out, RolloutRecord r, Analysis a) {
        out.append("## ").append(inline(a.name())).append(": ").append(a.verdict()).append("\n\n");
        out.append(inline(a.sentence())).append("\n\n");
        out.append(label(a.baseline())).append(" vs ").append(label(a.canary())).append(", +")
                .append(elapsed(r.started(), a.started())).append(" for ").append(elapsed(a.started(), a.ended()))
                .append(", ").append(a.looks().size()).append(a.looks().size() == 1 ? " look" : " looks");
        Judgement j = a.judgement();
        if (j == null) {
            out.append(".\n\n");
            return;
        }
        out.append("; score ").append(Format.number(j.score())).append(" (marginal ")
                .append(Format.number(j.marginal())).append(", pass ").append(Format.number(j.pass()))
                .append(")").append(RolloutTable.noData(j)).append(", ").append(j.look().describe()).append(".\n\n");
        table(out, RolloutTable.HEADER);
        for (MetricResult m : j.results()) {
            row(out, RolloutTable.row(m));
        }
        out.append('\n');
        if (!a.queries().isEmpty()) {
            out.append("Queries:\n\n");
            Map<String, String> rest = new TreeMap<>(a.queries());
            for (MetricResult m : j.results()) {
                String q = rest.remove(m.metric());
                if (q != null) {
                    out.append("- ").append(inline(m.metric())).append(": ").append(code(q)).append('\n');
                }
            }
            rest.forEach((metric, q) -> out.append("- ").append(inline(metric)).append(": ").append(code(q))
                    .append('\n'));
            out.append('\n');
        }
        if (!a.notes().isEmpty()) {
            out.append("Notes:\n\n");
            a.notes().forEach(n -> out.append("- ").append(inline(n)).append('\n'));
            out.append('\n');
        }
    }

    private static void table(StringBuilder out, List<String> header) {
        row(out, header);
        out.append('|').append(" --- |".repeat(header.size())).append('\n');
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(inline(c)).append(" |");
        }
        out.append('\n');
    }

    /**
     * Text as one line of Markdown that shows as written: markup characters are escaped, so a title cannot
     * start a heading, a list or inline HTML.
     */
    static String inline(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s*[\r\n]+\\s*", " ");
        StringBuilder out = new StringBuilder(line.length());
        for (char ch : line.toCharArray()) {
            if ("\\`*_[]<>#|~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** A code span that survives backticks in the query. */
    private static String code(String s) {
        String line = s.replaceAll("[\r\n]+", " ");
        String fence = line.contains("``") ? "```" : line.contains("`") ? "``" : "`";
        return fence + " " + line + " " + fence;
    }

    private static String outcome(RolloutRecord r) {
        return r.outcome() == null ? "UNFINISHED" : r.outcome().label().toUpperCase(Locale.ROOT);
    }

    private static String label(Track track) {
        return track == null ? "?" : track.label();
    }

    private static String time(Instant t) {
        return t == null ? "?" : t.toString();
    }

    /** "1m05s", "12s", "0s". */
    static String elapsed(Instant from, Instant to) {
        if (from == null || to == null) {
            return "?";
        }
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
