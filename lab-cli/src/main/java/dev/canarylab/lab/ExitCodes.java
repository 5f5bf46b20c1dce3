package dev.canarylab.lab;

/** Every exit code of {@code lab}, in one place. Documented in the README. */
public final class ExitCodes {

    /** Success; for an analysis: PASS. */
    public static final int OK = 0;
    /** The analysis says FAIL. */
    public static final int FAIL = 1;
    /** Bad usage or bad input: unknown option or metric, malformed file, impossible config. */
    public static final int USAGE = 2;
    /** The analysis is MARGINAL or INCONCLUSIVE: neither promote nor roll back on its word alone. */
    public static final int UNDECIDED = 3;
    /** A bug: an unexpected exception (details with --verbose). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
