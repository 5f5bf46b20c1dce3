package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiGateCheckTest {

    @TempDir
    Path dir;

    /**
     * Hand-made from the real lab-test-failed.xml: {@code lab test} on the recording machine (8 builds at once on 2
     * cores) ended twice with v2 rolled back for lack of data, so the passing report is that one with v2's
     * {@code failure} taken out, which is what a passing run writes (see JunitXml).
     */
    private static String passing() {
        return Attendee.resource("lab-test-failed.xml").replaceAll("(?s)\\s*<failure .*?</failure>", "")
                .replace("failures=\"1\"", "failures=\"0\"");
    }

    /** The scenario files lab-test.xml was recorded from, and the strategy they name. */
    private Attendee withTests() {
        return new Attendee(dir).file("v2-promoted.yaml", "v2-promoted.yaml")
                .file("v4-rolled-back.yaml", "v4-rolled-back.yaml").file("fast.yaml", "fast.yaml");
    }

    @Test
    void withoutLabTestXmlItSaysHowToProduceIt() {
        Attendee.Said said = withTests().check("ci-gate");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: there is no lab-test.xml in " + dir + "; hint: 'lab test"
                + " v2-promoted.yaml v4-rolled-back.yaml --junit lab-test.xml'");
    }

    @Test
    void aFailedTestCaseIsNamed() {
        Attendee.Said said = withTests().file("lab-test-failed.xml", "lab-test.xml").check("ci-gate");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).startsWith("not yet: lab-test.xml has 2 test cases and 'v2-promoted' failed; hint: ");
    }

    @Test
    void casesWhoseScenariosAreNotInTheFolderDoNotCount() {
        Attendee.Said said = new Attendee(dir).write("lab-test.xml", passing()).check("ci-gate");

        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEqualTo("not yet: lab-test.xml passes 2 test cases, but none expects v2 promoted"
                + " nor v4 rolled back; hint: a scenario file with 'version: v2' and 'expect: promoted' in this"
                + " folder, then lab test again");
    }

    @Test
    void aPassingReportOfV2PromotedAndV4RolledBackIsDone() {
        Attendee.Said said = withTests().write("lab-test.xml", passing()).check("ci-gate");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).isEqualTo("done: lab-test.xml passes 2 test cases, none failed, among them v2 promoted"
                + " and v4 rolled back: v2-promoted, v4-rolled-back");
    }

    @Test
    void labTestsDefaultPlaceInTheReportsFolderCountsToo() {
        Attendee a = withTests();
        a.write(".lab/reports/lab-test.xml", passing());

        assertThat(a.check("ci-gate").exit()).isZero();
    }
}
