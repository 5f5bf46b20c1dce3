package dev.canarylab.lab.workshop;

import dev.canarylab.lab.rollout.RolloutOutcome;
import java.util.Optional;

/** 03 canary-config: my-canary.yaml loads, promotes v2 and rolls back v3. */
final class CanaryConfigCheck implements ModuleCheck {

    static final String FILE = "my-canary.yaml";

    @Override
    public String id() {
        return "canary-config";
    }

    @Override
    public String goal() {
        return "write my-canary.yaml that promotes v2 and rolls back v3 (30% of requests +250 ms)";
    }

    @Override
    public Check check(Workshop workshop) {
        Optional<JudgedBy> loaded = JudgedBy.load(workshop, FILE);
        if (loaded.isEmpty()) {
            return Check.notYet("there is no " + workshop.fileName(FILE) + " in " + workshop.folder(),
                    "write one (groups, weights, scores, metrics), then " + "'lab rollout v3 --config "
                            + workshop.fileName(FILE) + "'");
        }
        JudgedBy c = loaded.get();
        Optional<Report> v3 = c.latest("v3");
        if (v3.isEmpty()) {
            return Check.notYet(c.name() + " loads, but " + c.noneOf("v3"), c.rollout("v3"));
        }
        if (v3.get().outcome() != RolloutOutcome.ROLLED_BACK) {
            return Check.notYet("your config " + (v3.get().outcome() == RolloutOutcome.PROMOTED ? "passes v3: "
                    : "did not roll back v3 (" + v3.get().outcome().label() + "): ") + Why.passed(c.config(), v3.get()),
                    "make the latency metrics stricter (the built-in config allows 1.1x), then " + c.rollout("v3"));
        }
        Optional<Report> v2 = c.latest("v2");
        if (v2.isEmpty()) {
            return Check.notYet(c.name() + " rolls back v3, but " + c.noneOf("v2"), c.rollout("v2"));
        }
        if (v2.get().outcome() != RolloutOutcome.PROMOTED) {
            return Check.notYet("your config " + (v2.get().outcome() == RolloutOutcome.ROLLED_BACK
                    ? "rolls back the healthy v2 too, on " + v2.get().failedNames()
                    : "did not promote v2 (" + v2.get().outcome().label() + ")") + ": " + v2.get().record().sentence(),
                    "loosen what failed without letting v3 through, then " + c.rollout("v2"));
        }
        return Check.done(c.name() + " promotes v2 and rolls back v3 on " + Why.failed(v3.get()));
    }
}
