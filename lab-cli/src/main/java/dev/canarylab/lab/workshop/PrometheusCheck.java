package dev.canarylab.lab.workshop;

import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.util.Optional;

/** 06 prometheus: v3 rolled back, judged on Prometheus. */
final class PrometheusCheck implements ModuleCheck {

    @Override
    public String id() {
        return "prometheus";
    }

    @Override
    public String goal() {
        return "roll out v3 judged on Prometheus (lab up --prometheus) and read the PromQL behind the failed metric";
    }

    @Override
    public Check check(Workshop workshop) {
        Optional<Report> done = workshop.latest(r -> r.onPrometheus() && r.is("v3", RolloutOutcome.ROLLED_BACK));
        if (done.isPresent()) {
            Report r = done.get();
            return Check.done("v3 was rolled back on " + r.record().source() + " on " + Why.failed(r)
                    + query(r).map(q -> "; the PromQL behind it: " + q).orElse(""));
        }
        Optional<Report> v3 = workshop.latest(r -> "v3".equals(r.version()));
        if (v3.isPresent() && !v3.get().onPrometheus()) {
            return Check.notYet("your last rollout of v3 was judged on " + v3.get().record().source()
                    + " (" + v3.get().file().getFileName() + ")",
                    "'lab down', 'lab up -d --prometheus', then 'lab rollout v3'");
        }
        if (v3.isPresent()) {
            return Check.notYet("your v3 rollout on Prometheus was " + v3.get().outcome().label() + " ("
                    + v3.get().file().getFileName() + "): " + v3.get().record().sentence(),
                    "roll out v3 again with the built-in config; its PromQL catches the slow tail");
        }
        return Check.notYet("no rollout of v3 in " + workshop.reportsDir() + " yet",
                "'lab up -d --prometheus', then 'lab rollout v3'");
    }

    /** The query the source ran for the first metric that failed. */
    private static Optional<String> query(Report r) {
        for (MetricResult m : r.failures()) {
            for (RolloutRecord.Analysis a : r.record().analyses()) {
                String q = a.queries().get(m.metric());
                if (q != null) {
                    return Optional.of(q);
                }
            }
        }
        return Optional.empty();
    }
}
