package dev.canarylab.lab.report;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): {@code testsuites / testsuite /
 * testcase} with {@code failure}, {@code error} or {@code skipped}, times in seconds and {@code system-out}.
 * Used by {@link RolloutJunit} (one testcase per analysis) and by {@code lab test} (one per scenario file).
 */
public final class JunitXml {

    /** ANSI escape sequences (colours, cursor moves) of captured terminal output. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

    private JunitXml() {
    }

    /** How a testcase ended. {@code FAILED}: the thing tested was wrong; {@code ERROR}: it could not be tested. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED
    }

    /**
     * One testcase.
     *
     * @param className the group it is shown under (a suite or file name)
     * @param message   one line for FAILED, ERROR and SKIPPED (the attribute CI servers show), else null
     * @param detail    the body of the failure or error element (evidence, stack), or null
     * @param systemOut what it printed, or null
     */
    public record Case(String name, String className, double seconds, Status status, String type, String message,
            String detail, String systemOut) {

        /**
         * A testcase as {@code lab test} reports a scenario file: it failed when {@code failure} is not null.
         */
        public static Case of(String name, String className, double seconds, String failure, String systemOut) {
            return failure == null ? new Case(name, className, seconds, Status.PASSED, null, null, null, systemOut)
                    : new Case(name, className, seconds, Status.FAILED, "outcome", failure, failure, systemOut);
        }
    }

    /** One testsuite; counts and total time are computed from its cases. */
    public record Suite(String name, Instant timestamp, List<Case> cases) {

        public Suite {
            cases = List.copyOf(cases);
        }

        long count(Status status) {
            return cases.stream().filter(c -> c.status() == status).count();
        }

        double seconds() {
            return cases.stream().mapToDouble(Case::seconds).sum();
        }
    }

    public static String render(Suite... suites) {
        return render(List.of(suites));
    }

    public static String render(List<Suite> suites) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("tests", Long.toString(suites.stream().mapToLong(s -> s.cases().size()).sum()));
            xml.writeAttribute("failures", total(suites, Status.FAILED));
            xml.writeAttribute("errors", total(suites, Status.ERROR));
            xml.writeAttribute("skipped", total(suites, Status.SKIPPED));
            xml.writeAttribute("time", seconds(suites.stream().mapToDouble(Suite::seconds).sum()));
            for (Suite suite : suites) {
                suite(xml, suite);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite.name()));
        xml.writeAttribute("tests", Integer.toString(suite.cases().size()));
        xml.writeAttribute("failures", Long.toString(suite.count(Status.FAILED)));
        xml.writeAttribute("errors", Long.toString(suite.count(Status.ERROR)));
        xml.writeAttribute("skipped", Long.toString(suite.count(Status.SKIPPED)));
        xml.writeAttribute("time", seconds(suite.seconds()));
        if (suite.timestamp() != null) {
            // the Ant schema's timestamp has no zone: written in UTC
            xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    suite.timestamp().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        }
        for (Case c : suite.cases()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", clean(c.name()));
            xml.writeAttribute("classname", clean(c.className() == null ? suite.name() : c.className()));
            xml.writeAttribute("time", seconds(c.seconds()));
            String element = switch (c.status()) {
                case FAILED -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
                case PASSED -> null;
            };
            if (element != null) {
                xml.writeCharacters("\n      ");
                xml.writeStartElement(element);
                if (c.message() != null) {
                    // an attribute value keeps no line breaks: CI servers show the first line anyway
                    xml.writeAttribute("message", clean(c.message()).replaceAll("\\s*[\r\n]+\\s*", " "));
                }
                if (c.type() != null) {
                    xml.writeAttribute("type", clean(c.type()));
                }
                if (c.detail() != null) {
                    xml.writeCharacters(clean(c.detail()));
                }
                xml.writeEndElement();
            }
            if (c.systemOut() != null) {
                xml.writeCharacters("\n      ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(c.systemOut()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /**
     * Text XML 1.0 can carry. The stream writer escapes markup but not control characters, which XML 1.0 cannot
     * hold at all (not even as {@code &#x1b;}): ANSI colour sequences are dropped, other such characters become
     * U+FFFD, so that a colourful log never makes the whole report unreadable.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String text = ANSI.matcher(s).replaceAll("");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(
                    text.charAt(i + 1))) {
                out.append(ch).append(text.charAt(++i));
                continue;
            }
            ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch <= 0xD7FF)
                    || (ch >= 0xE000 && ch <= 0xFFFD);
            out.append(ok ? ch : '\uFFFD');
        }
        return out.toString();
    }

    private static String total(List<Suite> suites, Status status) {
        return Long.toString(suites.stream().mapToLong(s -> s.count(status)).sum());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(s) ? s : 0);
    }
}
