package dev.canarylab.lab.report;

import static dev.canarylab.lab.report.JunitXml.clean;
import static dev.canarylab.lab.report.HtmlBlocks.paragraph;
import static dev.canarylab.lab.report.HtmlBlocks.row;
import static dev.canarylab.lab.report.HtmlBlocks.span;
import static dev.canarylab.lab.report.HtmlBlocks.table;
import static dev.canarylab.lab.report.RolloutCharts.element;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.report.RolloutCharts.Mark;
import dev.canarylab.lab.report.RolloutCharts.Series;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import dev.canarylab.lab.rollout.RolloutRecord.Event;
import dev.canarylab.lab.rollout.RolloutRecord.Step;
import dev.canarylab.lab.rollout.RolloutRecord.TimePoint;
import dev.canarylab.lab.rollout.RolloutRecord.TrackPoint;
import dev.canarylab.lab.runtime.Track;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A rollout as one self-contained web page: the outcome and its sentence, charts over time (latency, errors,
 * traffic, canary weight, with the decisions marked), then every analysis's metric table. No script, nothing
 * fetched: it opens from a CI artifact or a laptop without network. Written as polyglot XHTML with a stream
 * writer, so every text is escaped and the page parses as XML too. Colours are Okabe-Ito's (safe for colour-blind
 * readers) and never the only cue: badges carry a symbol and a word, lines a dash pattern and a name.
 */
public final class RolloutHtml {

    static final String XHTML = "http://www.w3.org/1999/xhtml";

    /** Series of the charts, as their {@code data-series}. */
    static final List<String> CHARTS = List.of("latency-p95", "error-ratio", "requests", "canary-weight");

    /** Seconds over which the error ratio is taken (see {@link #errorRatios}). */
    private static final int ERROR_WINDOW = 5;

    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 22px;",
            "  line-height: 1.45; color: #111; background: #fff; margin: 0 auto; max-width: 1500px;",
            "  padding: 24px 32px; }",
            "h1 { font-size: 44px; margin: 8px 0; } h2 { font-size: 32px; margin: 40px 0 8px; }",
            "header { border-bottom: 4px solid #111; padding-bottom: 16px; }",
            ".sentence { font-size: 30px; font-weight: 600; margin: 12px 0; }",
            ".meta { color: #333; }",
            ".badge { display: inline-block; padding: 4px 14px; border-radius: 8px; font-weight: 800;",
            "  color: #000; border: 2px solid #000; white-space: nowrap; }",
            "header .badge { font-size: 34px; }",
            ".good { background: #009E73; } .bad { background: #D55E00; } .unsure { background: #56B4E9; }",
            ".warn { background: #E69F00; } .broken { background: #F0E442; } .neutral { background: #BBBBBB; }",
            "svg.chart { width: 100%; height: auto; display: block; margin: 8px 0 24px; }",
            "svg .chart-title { font-size: 28px; font-weight: 700; fill: #111; }",
            "svg .tick { font-size: 20px; fill: #333; } svg .line-name { font-size: 22px; fill: #111; }",
            "svg .mark-number { font-size: 18px; font-weight: 700; fill: #fff; }",
            "svg .grid { stroke: #ddd; stroke-width: 1; } svg .axis { stroke: #111; stroke-width: 2; }",
            "svg .line { fill: none; stroke-width: 3.5; stroke-linejoin: round; }",
            "svg .key { stroke-width: 4; }",
            "svg .mark { stroke: #555; stroke-width: 2; stroke-dasharray: 6 5; }",
            "svg .mark.decision { stroke: #000; stroke-width: 3; stroke-dasharray: none; }",
            "svg .mark-dot { fill: #555; } svg .mark-dot.decision { fill: #000; }",
            "table { border-collapse: collapse; margin: 12px 0; font-size: 19px; }",
            "th, td { border: 1px solid #999; padding: 6px 10px; text-align: left; vertical-align: top; }",
            "th { background: #eee; } .wide { overflow-x: auto; } code { font-size: 18px; }",
            "td.num { white-space: nowrap; text-align: right; }");

    private RolloutHtml() {
    }

    public static String render(RolloutRecord r) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeDTD("<!DOCTYPE html>");
            xml.writeCharacters("\n");
            xml.writeStartElement("html");
            xml.writeDefaultNamespace(XHTML);
            xml.writeAttribute("lang", "en");
            xml.writeStartElement("head");
            xml.writeEmptyElement("meta");
            xml.writeAttribute("charset", "utf-8");
            xml.writeEmptyElement("meta");
            xml.writeAttribute("name", "viewport");
            xml.writeAttribute("content", "width=device-width, initial-scale=1");
            element(xml, "title", clean(r.title()) + " - canary-lab");
            element(xml, "style", CSS);
            xml.writeEndElement();
            xml.writeStartElement("body");
            header(xml, r);
            List<Event> events = r.events();
            charts(xml, r, events);
            for (Analysis a : r.analyses()) {
                HtmlAnalysis.write(xml, r, a);
            }
            ShadowSection.html(xml, r);
            steps(xml, r);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    private static void header(XMLStreamWriter xml, RolloutRecord r) throws XMLStreamException {
        xml.writeStartElement("header");
        RolloutOutcome o = r.outcome();
        String[] badge = o == null ? new String[] {"neutral", "\u25CB UNFINISHED"} : switch (o) {
            case PROMOTED -> new String[] {"good", "\u2714 PROMOTED"};
            case ROLLED_BACK -> new String[] {"bad", "\u2718 ROLLED BACK"};
            case INCONCLUSIVE -> new String[] {"unsure", "? INCONCLUSIVE"};
            case ABORTED -> new String[] {"warn", "\u25A0 ABORTED"};
        };
        span(xml, "badge outcome " + badge[0], badge[1]);
        element(xml, "h1", clean(r.title()));
        paragraph(xml, "sentence", r.sentence());
        paragraph(xml, "meta", r.strategy() + " strategy, " + r.stableVersion() + " \u2192 " + r.canaryVersion()
                + "; metrics from " + r.source() + "; " + r.started() + ", took "
                + RolloutMarkdown.elapsed(r.started(), r.ended()) + ".");
        xml.writeEndElement();
    }

    private static void charts(XMLStreamWriter xml, RolloutRecord r, List<Event> events) throws XMLStreamException {
        xml.writeStartElement("section");
        element(xml, "h2", "Over time");
        Instant start = r.started() != null ? r.started()
                : r.timeline().isEmpty() ? Instant.EPOCH : r.timeline().get(0).time();
        double duration = r.ended() == null ? 0 : seconds(start, r.ended());
        List<TimePoint> points = r.timeline();
        double[] at = new double[points.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = seconds(start, points.get(i).time());
            duration = Math.max(duration, at[i]);
        }
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.type().marked()) {
                marks.add(new Mark(seconds(start, e.time()), i + 1, e.type().decision()));
            }
        }
        List<Track> tracks = new ArrayList<>();
        for (Track t : Track.values()) {
            if (points.stream().anyMatch(p -> p.tracks().containsKey(t))) {
                tracks.add(t);
            }
        }
        RolloutCharts.chart(xml, "latency-p95", "Latency p95 per track (ms)", duration,
                perTrack(points, tracks, at, tp -> tp.requests() == 0 ? Double.NaN : tp.p95()), marks,
                v -> Format.value(v, "ms"), 1);
        RolloutCharts.chart(xml, "error-ratio", "Error ratio per track (" + ERROR_WINDOW + " s rolling)",
                duration, errorRatios(points, tracks, at), marks, v -> Format.percent(v), 0.01);
        RolloutCharts.chart(xml, "requests", "Requests per second per track", duration,
                perTrack(points, tracks, at, tp -> tp.requests()), marks, Format::number, 1);
        double[] weight = points.stream().mapToDouble(TimePoint::canaryWeight).toArray();
        RolloutCharts.chart(xml, "canary-weight", "Canary weight (% of traffic)", duration,
                List.of(new Series("canary weight", "#D55E00", "", at, weight, true)), marks, v -> Format.number(v)
                        + "%", 100);
        element(xml, "h2", "Events");
        table(xml, List.of("#", "Time", "Type", "What happened"));
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            row(xml, List.of(Integer.toString(i + 1), "+" + RolloutCharts.clock(seconds(start, e.time())), e.type().id(),
                    e.message()));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static List<Series> perTrack(List<TimePoint> points, List<Track> tracks, double[] at,
            ToDoubleFunction<TrackPoint> value) {
        List<Series> out = new ArrayList<>();
        for (Track t : tracks) {
            double[] v = new double[points.size()];
            for (int i = 0; i < v.length; i++) {
                TrackPoint tp = points.get(i).tracks().get(t);
                v[i] = tp == null ? Double.NaN : value.applyAsDouble(tp);
            }
            out.add(series(t, points, v, at));
        }
        return out;
    }

    /** Errors over requests of the last few seconds: one second holds too few requests to show a ratio. */
    private static List<Series> errorRatios(List<TimePoint> points, List<Track> tracks, double[] at) {
        List<Series> out = new ArrayList<>();
        for (Track t : tracks) {
            double[] v = new double[points.size()];
            for (int i = 0; i < v.length; i++) {
                long requests = 0;
                long errors = 0;
                for (int k = Math.max(0, i - ERROR_WINDOW + 1); k <= i; k++) {
                    TrackPoint tp = points.get(k).tracks().get(t);
                    if (tp != null) {
                        requests += tp.requests();
                        errors += tp.errors();
                    }
                }
                TrackPoint now = points.get(i).tracks().get(t);
                v[i] = requests == 0 || now == null || now.requests() == 0 ? Double.NaN : (double) errors / requests;
            }
            out.add(series(t, points, v, at));
        }
        return out;
    }

    private static Series series(Track t, List<TimePoint> points, double[] values, double[] at) {
        String version = points.stream().map(p -> p.tracks().get(t)).filter(tp -> tp != null && tp.version() != null)
                .map(TrackPoint::version).reduce((a, b) -> b).orElse("");
        String name = t.label() + (version.isEmpty() ? "" : " (" + version + ")");
        return switch (t) {
            case STABLE -> new Series(name, "#0072B2", "14 7", at, values, false);
            case BASELINE -> new Series(name, "#009E73", "3 6", at, values, false);
            case CANARY -> new Series(name, "#D55E00", "", at, values, false);
        };
    }

    private static void steps(XMLStreamWriter xml, RolloutRecord r) throws XMLStreamException {
        xml.writeStartElement("section");
        element(xml, "h2", "Steps");
        table(xml, List.of("#", "Step", "Started", "Took", "Result"));
        for (Step s : r.steps()) {
            row(xml, List.of(Integer.toString(s.number()), s.description(), "+" + RolloutCharts.clock(
                    seconds(r.started(), s.started())), RolloutMarkdown.elapsed(s.started(), s.ended()),
                    s.result()));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis() / 1000.0;
    }
}
