package dev.canarylab.lab.rollout;

/**
 * Where a rollout is. The phases in which traffic may reach the new version, or is about to, watch for changes
 * made from another terminal ({@code lab promote}, {@code lab rollback}); the others own the runtime alone.
 */
enum Phase {
    STARTING(false),
    DEPLOYING(false),
    STEP(true),
    PRE_PROMOTION_ANALYSIS(true),
    WAITING_TO_SWITCH(true),
    SWITCH(false),
    POST_PROMOTION_ANALYSIS(true),
    PROMOTION(false),
    /** {@code lab analyze}: it deploys nothing, so nothing outside can undo its work. */
    ANALYSIS_ONLY(false);

    private final boolean watchesOutside;

    Phase(boolean watchesOutside) {
        this.watchesOutside = watchesOutside;
    }

    /** Whether a promotion or rollback made with another command ends the rollout in this phase. */
    boolean watchesOutside() {
        return watchesOutside;
    }
}
