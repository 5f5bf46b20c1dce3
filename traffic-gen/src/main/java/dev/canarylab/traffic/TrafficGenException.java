package dev.canarylab.traffic;

/** A failure with a message for the user and the exit code it maps to. */
public final class TrafficGenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public TrafficGenException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TrafficGenException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
