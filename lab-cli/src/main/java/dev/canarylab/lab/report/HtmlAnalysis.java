package dev.canarylab.lab.report;

import static dev.canarylab.lab.report.HtmlBlocks.paragraph;
import static dev.canarylab.lab.report.HtmlBlocks.resultBadge;
import static dev.canarylab.lab.report.HtmlBlocks.table;
import static dev.canarylab.lab.report.HtmlBlocks.verdictBadge;
import static dev.canarylab.lab.report.JunitXml.clean;
import static dev.canarylab.lab.report.RolloutCharts.element;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** One analysis of the HTML report: its verdict, its score, the metric table, the queries and the notes. */
final class HtmlAnalysis {

    private HtmlAnalysis() {
    }

    static void write(XMLStreamWriter xml, RolloutRecord r, Analysis a) throws XMLStreamException {
        xml.writeStartElement("section");
        xml.writeAttribute("class", "analysis");
        xml.writeStartElement("h2");
        xml.writeCharacters(clean(a.name()) + " ");
        verdictBadge(xml, a.verdict());
        xml.writeEndElement();
        paragraph(xml, "sentence", a.sentence());
        Judgement j = a.judgement();
        String tracks = (a.baseline() == null ? "?" : a.baseline().label()) + " vs "
                + (a.canary() == null ? "?" : a.canary().label()) + ", from +"
                + RolloutCharts.clock(RolloutHtml.seconds(r.started(), a.started())) + " for "
                + RolloutMarkdown.elapsed(a.started(), a.ended()) + ", " + a.looks().size() + " look(s)";
        if (j == null) {
            paragraph(xml, "meta", tracks + ".");
            xml.writeEndElement();
            return;
        }
        paragraph(xml, "meta", tracks + "; score " + Format.number(j.score()) + " (marginal "
                + Format.number(j.marginal()) + ", pass " + Format.number(j.pass()) + ")" + RolloutTable.noData(j)
                + "; " + j.look().describe() + ".");
        xml.writeStartElement("div");
        xml.writeAttribute("class", "wide");
        table(xml, RolloutTable.HEADER);
        for (MetricResult m : j.results()) {
            List<String> cells = RolloutTable.row(m);
            xml.writeStartElement("tr");
            xml.writeAttribute("class", "metric " + m.classification().name().toLowerCase(java.util.Locale.ROOT));
            for (int i = 0; i < cells.size(); i++) {
                xml.writeStartElement("td");
                if (i == 2) {
                    resultBadge(xml, m.classification());
                } else {
                    if (i >= 4 && i <= 7) {
                        xml.writeAttribute("class", "num");
                    }
                    xml.writeCharacters(clean(cells.get(i)));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        if (!a.queries().isEmpty()) {
            element(xml, "h3", "Queries");
            xml.writeStartElement("ul");
            for (var q : new java.util.TreeMap<>(a.queries()).entrySet()) {
                xml.writeStartElement("li");
                xml.writeCharacters(clean(q.getKey()) + ": ");
                element(xml, "code", clean(q.getValue()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        if (!a.notes().isEmpty()) {
            element(xml, "h3", "Notes");
            xml.writeStartElement("ul");
            for (String n : a.notes()) {
                element(xml, "li", clean(n));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
