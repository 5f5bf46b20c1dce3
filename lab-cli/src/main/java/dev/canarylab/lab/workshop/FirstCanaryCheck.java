package dev.canarylab.lab.workshop;

import dev.canarylab.lab.rollout.RolloutOutcome;
import java.util.List;
import java.util.Optional;

/** 02 first-canary: a canary rollout of v2 promoted and one of v4 rolled back, in the reports. */
final class FirstCanaryCheck implements ModuleCheck {

    @Override
    public String id() {
        return "first-canary";
    }

    @Override
    public String goal() {
        return "roll out v2 (promoted), then v4, and find which metric failed and why";
    }

    @Override
    public Check check(Workshop workshop) {
        List<Report> canaries = workshop.reports().stream().filter(r -> !r.blueGreen()).toList();
        Optional<Report> v2 = latest(canaries, "v2", RolloutOutcome.PROMOTED);
        // a rollback on evidence teaches what the module is about; one for lack of data counts when it is all there is
        Optional<Report> v4 = latest(canaries.stream().filter(Report::failedOnEvidence).toList(), "v4",
                RolloutOutcome.ROLLED_BACK).or(() -> latest(canaries, "v4", RolloutOutcome.ROLLED_BACK));
        if (v2.isEmpty()) {
            return Check.notYet(missing(canaries, "v2", "promoted", workshop), "'lab rollout v2'");
        }
        if (v4.isEmpty()) {
            return Check.notYet("v2 was promoted, but " + missing(canaries, "v4", "rolled back", workshop),
                    "'lab rollout v4', then read the table of its report: which metric is HIGH?");
        }
        Report r = v4.get();
        return Check.done("v2 was promoted and v4 rolled back on " + Why.failed(r) + " (" + r.file().getFileName()
                + ")");
    }

    private static Optional<Report> latest(List<Report> reports, String version, RolloutOutcome outcome) {
        List<Report> m = reports.stream().filter(r -> r.is(version, outcome)).toList();
        return m.isEmpty() ? Optional.empty() : Optional.of(m.get(m.size() - 1));
    }

    /** "no canary rollout of v4 in .lab/reports yet", or what happened instead: "your v4 rollout was promoted". */
    static String missing(List<Report> reports, String version, String wanted, Workshop workshop) {
        List<Report> of = reports.stream().filter(r -> version.equals(r.version())).toList();
        if (of.isEmpty()) {
            return "no canary rollout of " + version + " in " + workshop.reportsDir() + " yet";
        }
        Report last = of.get(of.size() - 1);
        return "your " + version + " rollout was " + last.outcome().label() + ", not " + wanted + " ("
                + last.file().getFileName() + ")";
    }
}
