package dev.canarylab.lab.report;

import static dev.canarylab.lab.report.RolloutCharts.element;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import dev.canarylab.lab.rollout.RolloutRecord.Look;
import dev.canarylab.lab.rollout.ShadowJudges;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * "Shadow judges" in every report: per analysis, each look's verdict from canary-lab, Kayenta, Flagger and Argo
 * side by side, and the looks where one of them disagrees with canary-lab, with its reason.
 */
final class ShadowSection {

    static final String TITLE = "Shadow judges";
    static final String INTRO = "How Kayenta (Mann-Whitney on step aggregates), Flagger (success rate >= 99% and"
            + " p99 <= 500 ms on the last interval) and Argo Rollouts (success rate >= 0.95, failureLimit 3) would"
            + " have judged the same looks; they never change the lab's verdict.";

    /** One look: the lab's verdict, the shadow verdicts, and the judges that disagree with the lab. */
    record Row(int look, Verdict lab, List<ShadowVerdict> shadows, Set<String> disagreeing) {
    }

    private ShadowSection() {
    }

    static boolean any(Analysis a) {
        return a.looks().stream().anyMatch(l -> !l.shadow().isEmpty());
    }

    static List<Row> rows(Analysis a) {
        List<Row> rows = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        List<Look> looks = a.looks();
        for (int i = 0; i < looks.size(); i++) {
            Look l = looks.get(i);
            Set<String> disagreeing = new LinkedHashSet<>();
            for (ShadowVerdict v : l.shadow()) {
                if (ShadowJudges.disagrees(v, l.verdict(), i == looks.size() - 1, stopped.contains(v.judge()))) {
                    disagreeing.add(v.judge());
                }
            }
            l.shadow().stream().filter(ShadowVerdict::stops).forEach(v -> stopped.add(v.judge()));
            rows.add(new Row(l.number(), l.verdict(), l.shadow(), disagreeing));
        }
        return rows;
    }

    static List<String> judges(Analysis a) {
        Set<String> names = new LinkedHashSet<>();
        a.looks().forEach(l -> l.shadow().forEach(v -> names.add(v.judge())));
        return List.copyOf(names);
    }

    static List<String> header(Analysis a) {
        List<String> h = new ArrayList<>(List.of("Look", "canary-lab"));
        h.addAll(judges(a));
        return h;
    }

    /** The cells of a row; {@code mark} wraps a verdict that disagrees with the lab. */
    static List<String> cells(Analysis a, Row row, java.util.function.UnaryOperator<String> mark) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(row.look()),
                row.lab() == null ? "-" : row.lab().name()));
        for (String judge : judges(a)) {
            cells.add(row.shadows().stream().filter(v -> v.judge().equals(judge)).findFirst()
                    .map(v -> row.disagreeing().contains(judge) ? mark.apply(v.verdict().name()) : v.verdict().name())
                    .orElse("-"));
        }
        return cells;
    }

    /** "look 3: Flagger: PASS (success rate 100% >= 99%, p99 262 ms <= 500 ms); canary-lab: FAIL". */
    static List<String> disagreements(Analysis a) {
        List<String> out = new ArrayList<>();
        for (Row row : rows(a)) {
            if (!row.disagreeing().isEmpty()) {
                out.add("look " + row.look() + ": " + String.join("; ", row.shadows().stream()
                        .filter(v -> row.disagreeing().contains(v.judge())).map(ShadowVerdict::line).toList())
                        + "; canary-lab: " + row.lab());
            }
        }
        return out;
    }

    static String markdown(RolloutRecord r) {
        if (r.analyses().stream().noneMatch(ShadowSection::any)) {
            return "";
        }
        StringBuilder out = new StringBuilder("## " + TITLE + "\n\n" + INTRO
                + " **Bold**: disagrees with canary-lab.\n\n");
        for (Analysis a : r.analyses()) {
            if (!any(a)) {
                continue;
            }
            out.append("### ").append(RolloutMarkdown.inline(a.name())).append("\n\n");
            List<String> header = header(a);
            out.append("| ").append(String.join(" | ", header)).append(" |\n|").append(" --- |".repeat(header.size()))
                    .append('\n');
            for (Row row : rows(a)) {
                out.append("| ").append(String.join(" | ", cells(a, row, v -> "**" + v + "**"))).append(" |\n");
            }
            out.append('\n');
            for (String line : disagreements(a)) {
                out.append("- ").append(RolloutMarkdown.inline(line)).append('\n');
            }
            out.append(disagreements(a).isEmpty() ? "They agree with canary-lab at every look.\n\n" : "\n");
        }
        return out.toString();
    }

    /** The section for one analysis as plain text, or "" when it has no shadow verdicts. */
    static String text(Analysis a) {
        if (!any(a)) {
            return "";
        }
        List<List<String>> table = new ArrayList<>();
        table.add(header(a));
        rows(a).forEach(row -> table.add(cells(a, row, v -> v + "*")));
        int[] widths = new int[table.get(0).size()];
        table.forEach(cells -> {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder(TITLE + " (* disagrees with canary-lab)\n");
        for (List<String> cells : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", cells.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        disagreements(a).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    static void html(XMLStreamWriter xml, RolloutRecord r) throws XMLStreamException {
        if (r.analyses().stream().noneMatch(ShadowSection::any)) {
            return;
        }
        xml.writeStartElement("section");
        xml.writeAttribute("class", "shadow");
        element(xml, "h2", TITLE);
        HtmlBlocks.paragraph(xml, "meta", INTRO + " Marked \u2260: disagrees with canary-lab.");
        for (Analysis a : r.analyses()) {
            if (!any(a)) {
                continue;
            }
            element(xml, "h3", a.name());
            HtmlBlocks.table(xml, header(a));
            for (Row row : rows(a)) {
                HtmlBlocks.row(xml, cells(a, row, v -> "\u2260 " + v));
            }
            xml.writeEndElement();
            List<String> lines = disagreements(a);
            if (lines.isEmpty()) {
                HtmlBlocks.paragraph(xml, "meta", "They agree with canary-lab at every look.");
                continue;
            }
            xml.writeStartElement("ul");
            for (String line : lines) {
                element(xml, "li", line);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
