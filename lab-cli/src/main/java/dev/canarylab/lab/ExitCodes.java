package dev.canarylab.lab;

import dev.canarylab.lab.analysis.Verdict;

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
    // 4 is the launcher's (scripts/lab): building the jars failed.
    /** A replica did not become ready in time, or the lab did not start. */
    public static final int NOT_READY = 5;
    /** No lab is running (for commands that talk to one). */
    public static final int NOT_RUNNING = 6;
    /** A lab is already running ({@code lab up} twice). */
    public static final int ALREADY_RUNNING = 7;
    /** The router's port is in use. */
    public static final int PORT_IN_USE = 8;
    /** A jar (sample-app, traffic-gen: build it first, or use scripts/lab) or program (prometheus) the lab needs is missing. */
    public static final int MISSING_JAR = 9;
    /** The analysis says ERROR: a metric could not be read (Prometheus down, a failing query) or judged. */
    public static final int ANALYSIS_ERROR = 10;
    /** The k3s or kube runtime has no cluster: no Docker for k3s, or the kubeconfig's API cannot be reached or refuses. */
    public static final int NO_CLUSTER = 11;
    /** {@code lab replay}: this lab's judge decides a recorded look, verdict or sentence otherwise than the recording. */
    public static final int REPLAY_DIFFERS = 12;
    /** A bug: an unexpected exception (details with --verbose). */
    public static final int SOFTWARE = 70;
    /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); traffic was restored to stable first. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /**
     * The exit code of a verdict, the same for every command that ends on one ({@code lab judge},
     * {@code lab analyze}): PASS 0, FAIL 1, MARGINAL and INCONCLUSIVE 3, ERROR 10.
     */
    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> OK;
            case FAIL -> FAIL;
            case MARGINAL, INCONCLUSIVE -> UNDECIDED;
            case ERROR -> ANALYSIS_ERROR;
        };
    }
}
