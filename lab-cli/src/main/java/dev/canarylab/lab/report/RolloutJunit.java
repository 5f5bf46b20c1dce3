package dev.canarylab.lab.report;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.report.JunitXml.Case;
import dev.canarylab.lab.report.JunitXml.Status;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.RolloutRecord.Analysis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout as JUnit XML: one testcase per analysis, the failure message being the verdict sentence and the
 * system-out the Kayenta-style table. Only PASS passes: FAIL, MARGINAL and INCONCLUSIVE are failures (missing
 * data is never a pass, and CI must notice an analysis that could not decide); an analysis that did not pass
 * only because a metric could not be read (classification ERROR, no metric HIGH or LOW) is an error, as the
 * harness, not the release, is at fault. A rollout without any analysis is one testcase for its outcome.
 */
public final class RolloutJunit {

    private RolloutJunit() {
    }

    public static String render(RolloutRecord r) {
        return JunitXml.render(suite(r));
    }

    public static JunitXml.Suite suite(RolloutRecord r) {
        List<Case> cases = new ArrayList<>();
        for (Analysis a : r.analyses()) {
            cases.add(testcase(r, a));
        }
        if (cases.isEmpty()) {
            boolean promoted = r.outcome() == RolloutOutcome.PROMOTED;
            String outcome = r.outcome() == null ? "unfinished" : r.outcome().label();
            cases.add(new Case("rollout " + outcome, r.title(), seconds(r.started(), r.ended()),
                    promoted ? Status.PASSED : Status.FAILED, promoted ? null : outcome,
                    promoted ? null : r.sentence(), promoted ? null : r.sentence(), r.sentence()));
        }
        return new JunitXml.Suite(r.title(), r.started(), cases);
    }

    private static Case testcase(RolloutRecord r, Analysis a) {
        String table = a.judgement() == null ? null : JudgementText.render(a.judgement());
        String shadow = ShadowSection.text(a);
        String systemOut = a.sentence() + (table == null ? "" : "\n\n" + table) + (shadow.isEmpty() ? "" : "\n\n" + shadow);
        double seconds = seconds(a.started(), a.ended());
        Verdict verdict = a.verdict();
        if (verdict == Verdict.PASS) {
            return new Case(a.name(), r.title(), seconds, Status.PASSED, null, null, null, systemOut);
        }
        String type = verdict == null ? "unfinished" : verdict.name();
        Status status = unreadable(a) ? Status.ERROR : Status.FAILED;
        return new Case(a.name(), r.title(), seconds, status, type, a.sentence(), detail(a), systemOut);
    }

    /** Not passed because a metric could not be read, and nothing measured was wrong. */
    private static boolean unreadable(Analysis a) {
        if (a.judgement() == null) {
            return false;
        }
        List<MetricResult> results = a.judgement().results();
        return results.stream().anyMatch(m -> m.classification() == Classification.ERROR)
                && results.stream().noneMatch(m -> m.classification().isFailure());
    }

    /** The reasons of the metrics that did not pass: the evidence a CI page shows under the message. */
    private static String detail(Analysis a) {
        if (a.judgement() == null) {
            return a.sentence();
        }
        StringBuilder out = new StringBuilder(a.judgement().reason());
        for (MetricResult m : a.judgement().results()) {
            if (m.classification() != Classification.PASS) {
                out.append('\n').append(m.reason());
            }
        }
        return out.toString();
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis() / 1000.0;
    }
}
