package dev.canarylab.lab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Line charts over time as inline SVG, for the HTML report: no script, no library, nothing fetched. Each line
 * has its own colour (Okabe-Ito) and its own dash pattern and carries its name at its right end, so that no
 * line is told apart by colour alone; numbered vertical marks show the rollout's decisions.
 */
final class RolloutCharts {

    static final String SVG = "http://www.w3.org/2000/svg";

    private static final double WIDTH = 1200;
    private static final double HEIGHT = 380;
    private static final double LEFT = 100;
    private static final double RIGHT = 940; // room for the names at the lines' ends
    private static final double TOP = 50;
    private static final double BOTTOM = 320;

    private RolloutCharts() {
    }

    /** One line: values at seconds since the start, NaN where there is nothing to draw (a gap). */
    record Series(String name, String colour, String dash, double[] seconds, double[] values, boolean steps) {
    }

    /** A vertical mark: its number in the events list and whether it is a decision (drawn heavier). */
    record Mark(double seconds, int number, boolean decision) {
    }

    /**
     * @param id     the series the chart shows, as {@code data-series}
     * @param format how the y axis labels its values
     */
    static void chart(XMLStreamWriter xml, String id, String title, double duration, List<Series> series,
            List<Mark> marks, DoubleFunction<String> format, double minimumTop) throws XMLStreamException {
        double top = minimumTop;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    top = Math.max(top, v);
                }
            }
        }
        double step = niceStep(top / 4);
        double yMax = Math.ceil(top / step) * step;
        double xMax = Math.max(duration, 1);

        xml.writeStartElement("svg");
        xml.writeDefaultNamespace(SVG);
        xml.writeAttribute("class", "chart");
        xml.writeAttribute("data-series", id);
        xml.writeAttribute("viewBox", "0 0 " + n(WIDTH) + " " + n(HEIGHT));
        xml.writeAttribute("role", "img");
        xml.writeAttribute("aria-label", JunitXml.clean(title));
        element(xml, "title", title);
        text(xml, LEFT, 30, "chart-title", "start", title);

        for (double v = 0; v <= yMax + step / 2; v += step) {
            double y = y(v, yMax);
            line(xml, LEFT, y, RIGHT, y, "grid");
            text(xml, LEFT - 12, y + 7, "tick", "end", format.apply(v));
        }
        double xStep = niceSeconds(xMax / 8);
        for (double t = 0; t <= xMax + 0.01; t += xStep) {
            double x = x(t, xMax);
            line(xml, x, BOTTOM, x, BOTTOM + 8, "axis");
            text(xml, x, BOTTOM + 32, "tick", "middle", clock(t));
        }
        line(xml, LEFT, BOTTOM, RIGHT, BOTTOM, "axis");
        text(xml, RIGHT, HEIGHT - 6, "tick", "end", "time since start (m:ss)");

        for (Mark m : marks) {
            double x = x(m.seconds(), xMax);
            line(xml, x, TOP, x, BOTTOM, m.decision() ? "mark decision" : "mark");
            xml.writeStartElement("circle");
            xml.writeAttribute("class", m.decision() ? "mark-dot decision" : "mark-dot");
            xml.writeAttribute("cx", n(x));
            xml.writeAttribute("cy", n(TOP - 2));
            xml.writeAttribute("r", "14");
            xml.writeEndElement();
            text(xml, x, TOP + 5, "mark-number", "middle", Integer.toString(m.number()));
        }

        List<double[]> ends = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String d = path(s, xMax, yMax);
            if (d.isEmpty()) {
                continue;
            }
            xml.writeStartElement("path");
            xml.writeAttribute("class", "line");
            xml.writeAttribute("data-name", JunitXml.clean(s.name()));
            xml.writeAttribute("d", d);
            xml.writeAttribute("stroke", s.colour());
            if (!s.dash().isEmpty()) {
                xml.writeAttribute("stroke-dasharray", s.dash());
            }
            xml.writeEndElement();
            ends.add(new double[] {lastY(s, yMax), i});
        }
        // the names at the lines' ends, pushed apart so that none covers another
        ends.sort(Comparator.comparingDouble(e -> e[0]));
        double previous = Double.NEGATIVE_INFINITY;
        double[] ys = new double[ends.size()];
        for (int k = 0; k < ends.size(); k++) {
            ys[k] = Math.max(ends.get(k)[0], previous + 30);
            previous = ys[k];
        }
        // names pushed below the axis come back up, keeping their spacing
        double overflow = ends.isEmpty() ? 0 : ys[ys.length - 1] - (BOTTOM - 4);
        for (int k = 0; k < ends.size(); k++) {
            double[] e = ends.get(k);
            double y = overflow > 0 ? ys[k] - overflow : ys[k];
            Series s = series.get((int) e[1]);
            xml.writeStartElement("line");
            xml.writeAttribute("x1", n(RIGHT + 8));
            xml.writeAttribute("x2", n(RIGHT + 44));
            xml.writeAttribute("y1", n(y));
            xml.writeAttribute("y2", n(y));
            xml.writeAttribute("class", "key");
            xml.writeAttribute("stroke", s.colour());
            if (!s.dash().isEmpty()) {
                xml.writeAttribute("stroke-dasharray", s.dash());
            }
            xml.writeEndElement();
            text(xml, RIGHT + 50, y + 8, "line-name", "start", s.name());
        }
        xml.writeEndElement();
    }

    private static String path(Series s, double xMax, double yMax) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        double lastY = 0;
        for (int i = 0; i < s.values().length; i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            double x = x(s.seconds()[i], xMax);
            double y = y(v, yMax);
            if (!pen) {
                d.append(d.length() == 0 ? "" : " ").append('M').append(n(x)).append(',').append(n(y));
            } else if (s.steps()) {
                d.append(" H").append(n(x)).append(" V").append(n(y));
            } else {
                d.append(" L").append(n(x)).append(',').append(n(y));
            }
            pen = true;
            lastY = y;
        }
        return d.toString();
    }

    private static double lastY(Series s, double yMax) {
        for (int i = s.values().length - 1; i >= 0; i--) {
            if (Double.isFinite(s.values()[i])) {
                return y(s.values()[i], yMax);
            }
        }
        return BOTTOM;
    }

    private static double x(double seconds, double xMax) {
        return LEFT + (RIGHT - LEFT) * Math.min(Math.max(seconds, 0), xMax) / xMax;
    }

    private static double y(double v, double yMax) {
        return BOTTOM - (BOTTOM - TOP) * v / yMax;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double niceSeconds(double raw) {
        for (double s : new double[] {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (s >= raw) {
                return s;
            }
        }
        return 3600 * Math.ceil(raw / 3600);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void line(XMLStreamWriter xml, double x1, double y1, double x2, double y2, String cls)
            throws XMLStreamException {
        xml.writeStartElement("line");
        xml.writeAttribute("class", cls);
        xml.writeAttribute("x1", n(x1));
        xml.writeAttribute("y1", n(y1));
        xml.writeAttribute("x2", n(x2));
        xml.writeAttribute("y2", n(y2));
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, double x, double y, String cls, String anchor, String text)
            throws XMLStreamException {
        xml.writeStartElement("text");
        xml.writeAttribute("class", cls);
        xml.writeAttribute("x", n(x));
        xml.writeAttribute("y", n(y));
        xml.writeAttribute("text-anchor", anchor);
        xml.writeCharacters(JunitXml.clean(text));
        xml.writeEndElement();
    }

    static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(JunitXml.clean(text));
        xml.writeEndElement();
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
