package dev.canarylab.lab.workshop;

import dev.canarylab.lab.rollout.RolloutOutcome;
import java.util.List;
import java.util.Optional;

/** 04 blue-green: v4 stopped by pre-promotion analysis, before the switch; v2 promoted blue-green. */
final class BlueGreenCheck implements ModuleCheck {

    static final String PRE = "pre-promotion analysis";
    static final String POST = "post-promotion analysis";

    @Override
    public String id() {
        return "blue-green";
    }

    @Override
    public String goal() {
        return "roll out v4 blue-green so that pre-promotion analysis stops it before any user traffic reaches it";
    }

    @Override
    public Check check(Workshop workshop) {
        List<Report> blueGreen = workshop.reports().stream().filter(Report::blueGreen).toList();
        Optional<Report> v4 = blueGreen.stream().filter(r -> r.is("v4", RolloutOutcome.ROLLED_BACK)
                && stoppedBeforeSwitch(r)).reduce((a, b) -> b);
        if (v4.isEmpty()) {
            Optional<Report> last = blueGreen.stream().filter(r -> "v4".equals(r.version())).reduce((a, b) -> b);
            if (last.isEmpty()) {
                return Check.notYet("no blue-green rollout of v4 in " + workshop.reportsDir() + " yet",
                        "'lab rollout v4 --strategy blue-green'");
            }
            Report r = last.get();
            if (r.analysis(POST).isPresent()) {
                return Check.notYet("your v4 reached users: it was " + r.outcome().label() + " only by "
                        + "post-promotion analysis, after the switch (" + r.file().getFileName() + ")",
                        "give it a prePromotionAnalysis that catches 5% errors on the preview traffic"
                                + " (more previewRate, or a longer lifetime), and roll out v4 again");
            }
            return Check.notYet("your blue-green v4 rollout was " + r.outcome().label() + " ("
                    + r.file().getFileName() + "): " + r.record().sentence(),
                    "add a prePromotionAnalysis to the strategy's blueGreen section and roll out v4 again");
        }
        Optional<Report> v2 = blueGreen.stream().filter(r -> r.is("v2", RolloutOutcome.PROMOTED)).reduce((a, b) -> b);
        String v4Said = "pre-promotion analysis stopped v4 on " + Why.failed(v4.get()) + " before the switch";
        if (v2.isEmpty()) {
            return Check.notYet(v4Said + ", but no blue-green rollout of v2 was promoted yet",
                    "'lab rollout v2 --strategy blue-green'");
        }
        return Check.done(v4Said + ", and v2 was promoted blue-green (" + v2.get().file().getFileName() + ")");
    }

    /** Rolled back by the analysis of the preview, so no user request reached v4. */
    static boolean stoppedBeforeSwitch(Report r) {
        return r.analysis(PRE).isPresent() && r.analysis(POST).isEmpty();
    }
}
