package dev.canarylab.lab.workshop;

import dev.canarylab.lab.analysis.Bound;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.rollout.RolloutOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 05 policies: my-policies.yaml holds Vamp-style release policies (90% of requests under 500 ms, a minimum
 * traffic rate, at most two restarts), and it rolled v6 (a crash loop) back on restarts. The config has no p90
 * statistic, so a bound on a higher quantile (p95, p99) or the max is taken: each is stricter than "90% under 500 ms".
 */
final class PoliciesCheck implements ModuleCheck {

    static final String FILE = "my-policies.yaml";
    static final double LATENCY_MS = 500;
    static final double RESTARTS = 2;

    @Override
    public String id() {
        return "policies";
    }

    @Override
    public String goal() {
        return "write my-policies.yaml (90% of requests under 500 ms, a minimum traffic rate, at most two restarts,"
                + " a webhook) that rolls back v6 on restarts";
    }

    @Override
    public Check check(Workshop workshop) {
        Optional<JudgedBy> loaded = JudgedBy.load(workshop, FILE);
        if (loaded.isEmpty()) {
            return Check.notYet("there is no " + workshop.fileName(FILE) + " in " + workshop.folder(),
                    "write one: a canary config with the three policies");
        }
        JudgedBy c = loaded.get();
        Optional<MetricSpec> latency = c.config().metrics().stream().filter(PoliciesCheck::latencyPolicy).findFirst();
        Optional<MetricSpec> traffic = c.config().metrics().stream()
                .filter(m -> m.minTrafficPerMinute() != null && m.minTrafficPerMinute() > 0).findFirst();
        List<MetricSpec> restarts = c.config().metrics().stream().filter(PoliciesCheck::restartPolicy).toList();
        List<String> missing = new ArrayList<>();
        List<String> how = new ArrayList<>();
        if (latency.isEmpty()) {
            missing.add("no latency bound of 500 ms or less on p90 or a higher quantile");
            how.add("bound: {statistic: p95, max: 500} on a latency metric");
        }
        if (traffic.isEmpty()) {
            missing.add("no minimum traffic rate");
            how.add("minTraffic: 60 on a metric");
        }
        if (restarts.isEmpty()) {
            missing.add("no limit of at most 2 restarts");
            how.add("bound: {statistic: total, max: 2} on a count metric of instance:restarts");
        }
        if (!missing.isEmpty()) {
            return Check.notYet(c.name() + " has " + Prose.and(missing), "add " + Prose.and(how));
        }
        String policies = c.name() + " bounds " + latency.get().name() + " at " + latency.get().bound().describe("ms")
                + ", asks " + traffic.get().name() + " for " + Prose.number(traffic.get().minTrafficPerMinute())
                + " samples a minute and allows " + restarts.get(0).name() + " " + restarts.get(0).bound().describe("");
        Optional<Report> v6 = c.latest("v6");
        if (v6.isEmpty()) {
            return Check.notYet(policies + ", but " + c.noneOf("v6"), c.rollout("v6")
                    + " (or with a strategy whose config: is " + c.name() + " and that has your webhook)");
        }
        Report r = v6.get();
        Set<String> names = restarts.stream().map(MetricSpec::name).collect(Collectors.toSet());
        boolean onRestarts = r.failures().stream().anyMatch(m -> names.contains(m.metric()));
        if (r.outcome() != RolloutOutcome.ROLLED_BACK || !onRestarts) {
            return Check.notYet(policies + ", but v6 was " + r.outcome().label()
                    + (r.outcome() == RolloutOutcome.ROLLED_BACK ? " on " + r.failedNames() + ", not on restarts" : "")
                    + " (" + r.file().getFileName() + ")",
                    "a crash loop restarts every ~20 s: give the analysis a lifetime long enough for a third restart"
                            + " (2m), and roll out v6 again");
        }
        return Check.done(policies + ", and rolled v6 back on " + Why.failed(r));
    }

    /** A latency bound at least as strict as "90% of requests under 500 ms". */
    static boolean latencyPolicy(MetricSpec m) {
        Bound b = m.bound();
        if (m.kind() != MetricKind.LATENCY || b == null || b.max() == null) {
            return false;
        }
        double q = b.statistic() == Bound.Statistic.MAX ? 1 : b.statistic().quantile();
        double ms = "s".equals(m.unit()) ? b.max() * 1000 : b.max();
        return q >= 0.9 && ms <= LATENCY_MS;
    }

    static boolean restartPolicy(MetricSpec m) {
        Bound b = m.bound();
        return m.kind() == MetricKind.COUNT && b != null && b.max() != null && b.max() <= RESTARTS
                && (b.statistic() == Bound.Statistic.TOTAL || b.statistic() == Bound.Statistic.MAX);
    }
}
