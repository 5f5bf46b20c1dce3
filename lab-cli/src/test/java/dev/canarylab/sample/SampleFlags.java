package dev.canarylab.sample;

/** sample-app's own command-line parser, for tests that check the lab refuses exactly what sample-app refuses. */
public final class SampleFlags {

    private SampleFlags() {
    }

    /** sample-app's complaint about {@code args}, or null when it would start with them. */
    public static String refusal(String... args) {
        try {
            return SampleOptions.parse(args) == null ? "help asked for: prints it and exits" : null;
        } catch (SampleOptions.UsageException e) {
            return e.getMessage();
        }
    }
}
