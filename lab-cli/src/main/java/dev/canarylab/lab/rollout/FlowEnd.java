package dev.canarylab.lab.rollout;

/** How a flow ended, before the rollout restores traffic and says so: the outcome and why. */
record FlowEnd(RolloutOutcome outcome, String why) {

    /** An analysis that did not pass: FAIL and MARGINAL roll back, anything else is inconclusive. */
    static FlowEnd notPassed(RolloutRecord.Analysis a) {
        RolloutOutcome o = switch (a.verdict()) {
            case FAIL, MARGINAL -> RolloutOutcome.ROLLED_BACK;
            default -> RolloutOutcome.INCONCLUSIVE;
        };
        return new FlowEnd(o, a.sentence());
    }
}
