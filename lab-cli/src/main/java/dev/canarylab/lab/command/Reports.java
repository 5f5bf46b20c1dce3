package dev.canarylab.lab.command;

import dev.canarylab.lab.report.RolloutReports;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Writes a rollout's reports where the commands keep them: every format, the HTML page last. */
final class Reports {

    private Reports() {
    }

    /** The files written; the HTML page is the last but one (last.json comes last). */
    static List<Path> write(RolloutRecord record, Path dir) {
        return RolloutReports.write(record, Set.of("md", "json", "junit", "html"), dir);
    }

    /** The page a person opens: the HTML report among {@code written}. */
    static Path page(List<Path> written) {
        return written.stream().filter(p -> p.toString().endsWith(".html")).findFirst()
                .orElse(written.get(written.size() - 1));
    }
}
