package dev.canarylab.lab.rollout;

/** How a rollout ended. */
public enum RolloutOutcome {
    /** The new version is stable and gets all the traffic. */
    PROMOTED("promoted"),
    /** An analysis failed (or a webhook refused): traffic went back to stable and the new version was removed. */
    ROLLED_BACK("rolled back"),
    /** The analyses could not decide, even after extending; the new version was not promoted. */
    INCONCLUSIVE("inconclusive"),
    /** Stopped by the user (Ctrl-C, `lab rollback`): traffic went back to stable. */
    ABORTED("aborted");

    private final String label;

    RolloutOutcome(String label) {
        this.label = label;
    }

    /** As written in scenario files and sentences: "promoted", "rolled back", ... */
    public String label() {
        return label;
    }
}
