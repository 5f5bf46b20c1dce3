package dev.canarylab.lab.rollout;

/**
 * Why a wait ended before its time: Ctrl-C, {@code lab rollback} or {@code lab promote} from another terminal, a
 * failed background analysis, a version that never became ready. The waits return it; the flows turn it into the
 * rollout's outcome.
 */
record Stop(Cause why, String message) {

    enum Cause {
        ABORTED, PROMOTED_OUTSIDE, BACKGROUND_FAILED, NOT_READY
    }

    RolloutOutcome outcome() {
        return switch (why) {
            case ABORTED -> RolloutOutcome.ABORTED;
            case PROMOTED_OUTSIDE -> RolloutOutcome.PROMOTED;
            case BACKGROUND_FAILED, NOT_READY -> RolloutOutcome.ROLLED_BACK;
        };
    }

    /** The flow's end this stop means, when nothing more specific applies. */
    FlowEnd end() {
        return new FlowEnd(outcome(), message);
    }
}
