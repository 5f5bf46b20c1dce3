package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutReportsTest {

    @TempDir
    Path dir;

    @Test
    void everyFormatIsOneFileNamedAfterTheRolloutPlusLastJson() throws Exception {
        RolloutRecord record = RolloutFixtures.slowRelease();
        List<Path> files = RolloutReports.write(record, Set.of("html", "JUNIT", "md", "json"), dir.resolve("out"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "slow-release-v1-v3-20250314-093000.md", "slow-release-v1-v3-20250314-093000.json",
                "slow-release-v1-v3-20250314-093000.xml", "slow-release-v1-v3-20250314-093000.html", "last.json");
        assertThat(Files.readString(files.get(0))).isEqualTo(RolloutMarkdown.render(record));
        assertThat(Files.readString(files.get(2))).isEqualTo(RolloutJunit.render(record));
        assertThat(Files.readString(files.get(3))).startsWith("<!DOCTYPE html>");
        assertThat(Files.readString(files.get(4))).isEqualTo(Files.readString(files.get(1)));
        try (var listing = Files.list(dir.resolve("out"))) {
            assertThat(listing.count()).as("no temporary file left").isEqualTo(5);
        }
    }

    @Test
    void theLastRolloutCanBeRenderedAgainLater() {
        RolloutReports.write(RolloutFixtures.happyPath(), Set.of(), dir);
        RolloutRecord slow = RolloutFixtures.slowRelease();
        RolloutReports.write(slow, Set.of("md"), dir);
        RolloutRecord last = RolloutReports.readLast(dir);
        assertThat(last).isEqualTo(slow);
        assertThat(RolloutReports.render(last, "html")).isEqualTo(RolloutHtml.render(slow));
    }

    @Test
    void anUnknownFormatNamesTheValidOnesAndWritesNothing() {
        assertThatThrownBy(() -> RolloutReports.write(RolloutFixtures.happyPath(), Set.of("md", "pdf"), dir))
                .isInstanceOf(LabException.class)
                .hasMessage("unknown report format 'pdf'; expected one of md, json, junit, html")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve(RolloutReports.LAST)).doesNotExist();
    }

    @Test
    void noReportYetIsOneClearLine() {
        assertThatThrownBy(() -> RolloutReports.readLast(dir)).isInstanceOf(LabException.class)
                .hasMessageContaining("no rollout report in " + dir);
    }

    @Test
    void slugsAreShortSafeFileNames() {
        assertThat(RolloutReports.slug("Blue/Green: v1 -> v2 (über ../../etc)")).isEqualTo("blue-green-v1-v2-uber-etc");
        assertThat(RolloutReports.slug("***")).isEqualTo("rollout");
        assertThat(RolloutReports.slug("x".repeat(100))).hasSize(60);
    }
}
