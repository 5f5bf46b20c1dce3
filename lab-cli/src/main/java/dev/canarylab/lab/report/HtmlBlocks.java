package dev.canarylab.lab.report;

import static dev.canarylab.lab.report.JunitXml.clean;
import static dev.canarylab.lab.report.RolloutCharts.element;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Verdict;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The small pieces of the HTML report: badges (a colour, a symbol and a word, so colour is never the only cue),
 * tables, spans and paragraphs, every text escaped by the stream writer.
 */
final class HtmlBlocks {

    private HtmlBlocks() {
    }

    static void verdictBadge(XMLStreamWriter xml, Verdict v) throws XMLStreamException {
        if (v == null) {
            span(xml, "badge neutral", "\u25CB UNFINISHED");
            return;
        }
        switch (v) {
            case PASS -> span(xml, "badge good", "\u2714 PASS");
            case FAIL -> span(xml, "badge bad", "\u2718 FAIL");
            case MARGINAL -> span(xml, "badge warn", "~ MARGINAL");
            case INCONCLUSIVE -> span(xml, "badge unsure", "? INCONCLUSIVE");
        }
    }

    static void resultBadge(XMLStreamWriter xml, Classification c) throws XMLStreamException {
        switch (c) {
            case PASS -> span(xml, "badge good", "\u2714 PASS");
            case HIGH -> span(xml, "badge bad", "\u25B2 HIGH");
            case LOW -> span(xml, "badge bad", "\u25BC LOW");
            case NODATA -> span(xml, "badge bad", "\u2205 NODATA");
            case INCONCLUSIVE -> span(xml, "badge unsure", "? INCONCLUSIVE");
            case ERROR -> span(xml, "badge broken", "! ERROR");
        }
    }

    /** Opens a table and writes its header; the caller closes it. */
    static void table(XMLStreamWriter xml, List<String> header) throws XMLStreamException {
        xml.writeStartElement("table");
        xml.writeStartElement("tr");
        for (String h : header) {
            element(xml, "th", h);
        }
        xml.writeEndElement();
    }

    static void row(XMLStreamWriter xml, List<String> cells) throws XMLStreamException {
        xml.writeStartElement("tr");
        for (String c : cells) {
            element(xml, "td", clean(c));
        }
        xml.writeEndElement();
    }

    static void span(XMLStreamWriter xml, String cls, String text) throws XMLStreamException {
        xml.writeStartElement("span");
        xml.writeAttribute("class", cls);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    static void paragraph(XMLStreamWriter xml, String cls, String text) throws XMLStreamException {
        xml.writeStartElement("p");
        xml.writeAttribute("class", cls);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }
}
