package dev.canarylab.lab.workshop;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One rollout report of the attendee's reports folder, with the questions the checks ask of it. */
public record Report(Path file, RolloutRecord record) {

    public String version() {
        return record.canaryVersion();
    }

    public RolloutOutcome outcome() {
        return record.outcome();
    }

    public boolean is(String version, RolloutOutcome outcome) {
        return version.equals(version()) && outcome == outcome();
    }

    public boolean blueGreen() {
        return "blue-green".equals(record.strategy());
    }

    /** Judged on Prometheus, not on the router's own telemetry. */
    public boolean onPrometheus() {
        return record.source() != null && record.source().startsWith("Prometheus");
    }

    public Optional<RolloutRecord.Analysis> analysis(String name) {
        return record.analyses().stream().filter(a -> name.equals(a.name())).findFirst();
    }

    /** The metrics that failed an analysis that did not pass: HIGH, LOW, or no data where data was a must. */
    public List<MetricResult> failures() {
        return record.analyses().stream()
                .filter(a -> a.verdict() != Verdict.PASS && a.judgement() != null)
                .flatMap(a -> a.judgement().results().stream())
                .filter(m -> m.classification().isFailure()
                        || m.classification() == Classification.NODATA && (m.critical() || m.mustHaveData()))
                .toList();
    }

    /** Stopped on evidence of a regression (a HIGH or LOW), not only for lack of data. */
    public boolean failedOnEvidence() {
        return failures().stream().anyMatch(m -> m.classification().isFailure());
    }

    /** The names of {@link #failures()}, each once, e.g. "errors and restarts". */
    public String failedNames() {
        Set<String> names = new LinkedHashSet<>();
        failures().forEach(m -> names.add(m.metric()));
        return names.isEmpty() ? "no metric" : Prose.and(List.copyOf(names));
    }

    /** "v4 (rolled back, in v4-fast-20261206-061829.json)". */
    public String describe() {
        return version() + " (" + outcome().label() + ", " + file.getFileName() + ")";
    }
}
