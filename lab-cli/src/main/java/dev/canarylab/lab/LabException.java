package dev.canarylab.lab;

/** A failure with a message meant for the user and the exit code it maps to. */
public final class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public LabException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LabException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: exit code {@link ExitCodes#USAGE}. */
    public static LabException badInput(String message) {
        return new LabException(ExitCodes.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
