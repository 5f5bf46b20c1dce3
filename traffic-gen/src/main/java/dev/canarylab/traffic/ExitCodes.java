package dev.canarylab.traffic;

/** The process exit codes of traffic-gen, as documented in docs/traffic-gen.md. */
public final class ExitCodes {

    /** The run finished and every assertion held. */
    public static final int OK = 0;
    /** The run finished and at least one {@code --assert-*} failed. */
    public static final int ASSERTION_FAILED = 1;
    /** Bad flags or flag values; one line on stderr says which. */
    public static final int USAGE = 2;
    /** The target could not be reached at all: no connection before the run, or no response during it. */
    public static final int UNREACHABLE = 3;
    /** traffic-gen itself failed (Gatling crashed, a file could not be written). */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {
    }
}
