package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class RolloutHtmlTest {

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> all(Document doc, String ns, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(ns, name);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("*");
        out.add(root);
        IntStream.range(0, nodes.getLength()).forEach(i -> out.add((Element) nodes.item(i)));
        return out;
    }

    private static RolloutRecord titled(RolloutRecord r, String title) {
        return new RolloutRecord(title, r.strategy(), r.stableVersion(), r.canaryVersion(), r.source(), r.started(),
                r.ended(), r.outcome(), r.sentence(), r.steps(), r.analyses(), r.timeline(), r.events());
    }

    @Test
    void thePageIsWellFormedWithOneChartPerSeriesAndALinePerTrack() throws Exception {
        Document doc = parse(RolloutHtml.render(RolloutFixtures.slowRelease()));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(RolloutHtml.XHTML);
        List<Element> charts = all(doc, RolloutCharts.SVG, "svg");
        assertThat(charts).extracting(c -> c.getAttribute("data-series"))
                .containsExactlyElementsOf(RolloutHtml.CHARTS);
        Element latency = charts.get(0);
        assertThat(latency.getElementsByTagNameNS(RolloutCharts.SVG, "path").getLength()).isEqualTo(3);
        List<String> lines = new ArrayList<>();
        NodeList paths = latency.getElementsByTagNameNS(RolloutCharts.SVG, "path");
        for (int i = 0; i < paths.getLength(); i++) {
            lines.add(((Element) paths.item(i)).getAttribute("data-name"));
        }
        assertThat(lines).containsExactly("stable (v1)", "baseline (v1)", "canary (v3)");
        assertThat(charts.get(3).getElementsByTagNameNS(RolloutCharts.SVG, "path").getLength()).isEqualTo(1);
    }

    @Test
    void theCanaryLineHasAGapWhileItGotNoTrafficAndItsLatencyRisesAfterTheRegression() throws Exception {
        Document doc = parse(RolloutHtml.render(RolloutFixtures.slowRelease()));
        Element latency = all(doc, RolloutCharts.SVG, "svg").get(0);
        NodeList paths = latency.getElementsByTagNameNS(RolloutCharts.SVG, "path");
        String canary = ((Element) paths.item(2)).getAttribute("d");
        // no traffic before the first weight change and after the rollback: one continuous stretch
        assertThat(canary.chars().filter(ch -> ch == 'M').count()).isEqualTo(1);
        String[] points = canary.substring(1).split(" L");
        double firstY = Double.parseDouble(points[0].split(",")[1]);
        double lastY = Double.parseDouble(points[points.length - 1].split(",")[1]);
        // SVG y grows downwards: slower is higher on the chart
        assertThat(lastY).isLessThan(firstY - 50);
    }

    @Test
    void decisionsAreMarkedWithTheirNumberInTheEventsTable() throws Exception {
        String html = RolloutHtml.render(RolloutFixtures.slowRelease());
        Document doc = parse(html);
        Element weight = all(doc, RolloutCharts.SVG, "svg").get(3);
        List<String> numbers = descendants(weight).stream().filter(e -> e.getAttribute("class").equals(
                "mark-number")).map(Node::getTextContent).toList();
        // events: 1 start, 2 weight, 3 verdict, 4 rollback, 5 webhook; start and webhooks are not marked
        assertThat(numbers).containsExactly("2", "3", "4");
        assertThat(html).contains("<td>4</td><td>+0:55</td><td>rollback</td>");
    }

    @Test
    void resultsCarryAWordAndASymbolNotOnlyAColour() throws Exception {
        Document doc = parse(RolloutHtml.render(RolloutFixtures.slowRelease()));
        List<String> badges = all(doc, RolloutHtml.XHTML, "span").stream()
                .filter(e -> e.getAttribute("class").startsWith("badge")).map(Node::getTextContent).toList();
        assertThat(badges.get(0)).isEqualTo("\u2718 ROLLED BACK");
        assertThat(badges).contains("\u2718 FAIL", "\u25B2 HIGH", "\u2714 PASS", "? INCONCLUSIVE");
        assertThat(all(doc, RolloutHtml.XHTML, "tr").stream().filter(e -> e.getAttribute("class")
                .startsWith("metric")).count()).isEqualTo(14);
    }

    @Test
    void aMaliciousTitleIsTextNotMarkup() throws Exception {
        String evil = "</title><script>alert('x')</script><img src=x onerror=alert(1)> & \u001B[31m";
        Document doc = parse(RolloutHtml.render(titled(RolloutFixtures.slowRelease(), evil)));
        assertThat(all(doc, RolloutHtml.XHTML, "script")).isEmpty();
        assertThat(all(doc, RolloutHtml.XHTML, "img")).isEmpty();
        assertThat(all(doc, RolloutHtml.XHTML, "h1").get(0).getTextContent())
                .isEqualTo("</title><script>alert('x')</script><img src=x onerror=alert(1)> & ");
    }

    @Test
    void nothingIsFetched() throws Exception {
        String html = RolloutHtml.render(RolloutFixtures.slowRelease());
        Document doc = parse(html);
        for (Element e : descendants(doc.getDocumentElement())) {
            assertThat(e.getLocalName()).isNotIn("script", "link", "img", "iframe", "object", "embed", "image",
                    "use");
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (!a.getNodeName().startsWith("xmlns")) {
                    assertThat(a.getNodeValue()).as(a.getNodeName()).doesNotContainIgnoringCase("http:")
                            .doesNotContainIgnoringCase("https:");
                }
            }
        }
        String css = all(doc, RolloutHtml.XHTML, "style").get(0).getTextContent();
        assertThat(css).doesNotContain("url(").doesNotContain("@import");
        // the webhook's URL is shown as text, which fetches nothing
        assertThat(html).contains("POST http://hooks.example/rollout");
    }

    @Test
    void aPromotionShowsAGreenBadgeWithItsWord() throws Exception {
        Document doc = parse(RolloutHtml.render(RolloutFixtures.happyPath()));
        Element badge = all(doc, RolloutHtml.XHTML, "span").get(0);
        assertThat(badge.getAttribute("class")).contains("good");
        assertThat(badge.getTextContent()).isEqualTo("\u2714 PROMOTED");
    }
}
