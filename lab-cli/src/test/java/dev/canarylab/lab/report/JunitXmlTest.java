package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.report.JunitXml.Case;
import dev.canarylab.lab.report.JunitXml.Status;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagName(name);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i))
                .toList();
    }

    @Test
    void scenarioFilesBecomeTestcasesWithCountsAndTimes() throws Exception {
        String xml = JunitXml.render(new JunitXml.Suite("lab test", Instant.parse("2025-03-14T09:30:00Z"), List.of(
                Case.of("happy-path.yaml", "scenarios", 61.25, null, "promoted v2"),
                Case.of("slow-release.yaml", "scenarios", 48.5, "expected rolled back, got promoted", "v3 ..."),
                Case.of("error-spike.yaml", "scenarios", 30, null, null))));
        Document doc = parse(xml);
        Element suite = elements(doc, "testsuite").get(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("139.750");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-03-14T09:30:00");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        List<Element> cases = elements(doc, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("happy-path.yaml", "slow-release.yaml", "error-spike.yaml");
        Element failure = elements(doc, "failure").get(0);
        assertThat(failure.getParentNode()).isSameAs(cases.get(1));
        assertThat(failure.getAttribute("message")).isEqualTo("expected rolled back, got promoted");
        assertThat(elements(doc, "system-out")).hasSize(2);
    }

    @Test
    void markupControlCharactersAndColoursInOutputStillParse() throws Exception {
        String nasty = "<b>\"x\" & 'y'</b>\u0000\u0007 \u001B[31mred\u001B[0m \uD83D\uDE80 \uD800";
        String xml = JunitXml.render(new JunitXml.Suite("s<&>", null, List.of(
                Case.of("a]]>b", "c", 1, nasty + "\nsecond line", nasty))));
        Document doc = parse(xml);
        Element failure = elements(doc, "failure").get(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("<b>\"x\" & 'y'</b>\uFFFD\uFFFD red \uD83D\uDE80 \uFFFD second line");
        assertThat(elements(doc, "testcase").get(0).getAttribute("name")).isEqualTo("a]]>b");
        assertThat(elements(doc, "system-out").get(0).getTextContent()).contains("<b>\"x\"").contains("red")
                .doesNotContain("\u001B");
        assertThat(elements(doc, "testsuite").get(0).getAttribute("name")).isEqualTo("s<&>");
    }

    @Test
    void aRolloutIsOneTestcasePerAnalysisWithTheVerdictSentenceAsFailure() throws Exception {
        RolloutRecord record = RolloutFixtures.slowRelease();
        Document doc = parse(RolloutJunit.render(record));
        List<Element> cases = elements(doc, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("step 2 analysis", "background analysis");
        assertThat(cases.get(0).getAttribute("time")).isEqualTo("40.000");
        List<Element> failures = elements(doc, "failure");
        // the step analysis failed, the background analysis had too little traffic: both are failures
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).getAttribute("message")).isEqualTo(record.analyses().get(0).sentence());
        assertThat(failures.get(0).getAttribute("type")).isEqualTo("FAIL");
        assertThat(failures.get(1).getAttribute("type")).isEqualTo("INCONCLUSIVE");
        assertThat(failures.get(0).getTextContent()).contains("latency: mean");
        assertThat(elements(doc, "system-out").get(0).getTextContent()).contains("METRIC").contains("tail-latency");
        assertThat(elements(doc, "testsuite").get(0).getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void aPassingAnalysisHasNoFailure() throws Exception {
        Document doc = parse(RolloutJunit.render(RolloutFixtures.happyPath()));
        assertThat(elements(doc, "testcase")).hasSize(1);
        assertThat(elements(doc, "failure")).isEmpty();
        assertThat(elements(doc, "error")).isEmpty();
    }

    @Test
    void anUnreadableMetricIsAnErrorButAMeasuredRegressionBesideItStaysAFailure() throws Exception {
        Judgement unreadable = RolloutFixtures.judge(8, 3000, 0, 0, "restarts");
        Judgement slowAndUnreadable = RolloutFixtures.judge(9, 3000, 0.3, 250, "restarts");
        assertThat(unreadable.verdict()).isNotEqualTo(Verdict.PASS);
        Document doc = parse(RolloutJunit.render(RolloutFixtures.withJudgements(unreadable, slowAndUnreadable)));
        assertThat(elements(doc, "error")).hasSize(1);
        assertThat(elements(doc, "error").get(0).getParentNode().getAttributes().getNamedItem("name")
                .getNodeValue()).isEqualTo("analysis 1");
        assertThat(elements(doc, "failure")).hasSize(1);
        assertThat(elements(doc, "testsuite").get(0).getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void statusesCountSeparately() {
        JunitXml.Suite suite = new JunitXml.Suite("s", null, List.of(
                new Case("a", null, 1, Status.SKIPPED, null, "not run", null, null),
                new Case("b", null, 1, Status.ERROR, "io", "boom", null, null)));
        assertThat(JunitXml.render(suite)).contains("tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"1\"")
                .contains("<skipped message=\"not run\"");
    }
}
