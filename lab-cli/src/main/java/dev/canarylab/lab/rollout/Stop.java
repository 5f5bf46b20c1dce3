package dev.canarylab.lab.rollout;

/**
 * Ends a rollout from inside a wait, however deep: Ctrl-C, {@code lab rollback} or {@code lab promote} from
 * another terminal, a failed background analysis, a version that never became ready. The flows turn it into
 * the rollout's outcome; it never leaves {@link Rollout}.
 */
final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Cause {
        ABORTED, PROMOTED_OUTSIDE, BACKGROUND_FAILED, NOT_READY
    }

    private final transient Cause cause;

    Stop(Cause cause, String why) {
        super(why, null, false, false);
        this.cause = cause;
    }

    Cause why() {
        return cause;
    }

    RolloutOutcome outcome() {
        return switch (cause) {
            case ABORTED -> RolloutOutcome.ABORTED;
            case PROMOTED_OUTSIDE -> RolloutOutcome.PROMOTED;
            case BACKGROUND_FAILED, NOT_READY -> RolloutOutcome.ROLLED_BACK;
        };
    }
}
