package dev.canarylab.lab.workshop;

import dev.canarylab.lab.LabException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** The test cases of a JUnit XML report, as CI servers read them: a name, and whether it failed. */
record JunitCases(List<Case> cases) {

    /** One {@code testcase}; failed when it has a {@code failure} or {@code error}. */
    record Case(String name, boolean failed) {
    }

    /**
     * Reads a JUnit report ({@code testsuites} or {@code testsuite} at the root).
     *
     * @throws LabException bad input when the file is not XML, or not JUnit
     */
    static JunitCases read(Path file) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // a report is data: no DTD, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e; // the JDK's default handler would print [Fatal Error] lines on stderr
                }
            });
            doc = builder.parse(file.toFile());
        } catch (SAXException e) {
            throw LabException.badInput(file + ": not a JUnit XML report: " + e.getMessage());
        } catch (IOException e) {
            throw LabException.badInput("cannot read " + file + ": " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        String root = doc.getDocumentElement().getTagName();
        if (!root.equals("testsuites") && !root.equals("testsuite")) {
            throw LabException.badInput(file + ": not a JUnit XML report: its root is <" + root
                    + ">, expected <testsuites> or <testsuite>");
        }
        List<Case> cases = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("testcase");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element c = (Element) nodes.item(i);
            boolean failed = c.getElementsByTagName("failure").getLength() > 0
                    || c.getElementsByTagName("error").getLength() > 0;
            cases.add(new Case(c.getAttribute("name"), failed));
        }
        return new JunitCases(cases);
    }
}
