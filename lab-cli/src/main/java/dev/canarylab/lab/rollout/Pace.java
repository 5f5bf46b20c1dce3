package dev.canarylab.lab.rollout;

import java.util.Locale;

/**
 * How fast `lab demo` plays: a presenter pauses between acts and explains each; ci shortens every duration and
 * sends more traffic so that every scenario fits in a CI job.
 *
 * @param timeFactor multiplies every duration of the strategy (pauses, analysis intervals and lifetimes)
 * @param rpsFactor  multiplies the scenario's traffic (more traffic: the same evidence in less time)
 * @param explain    print each act's explanation and wait for Enter before it
 */
public record Pace(String name, double timeFactor, double rpsFactor, boolean explain) {

    public static final Pace PRESENTER = new Pace("presenter", 1.0, 1.0, true);
    public static final Pace NORMAL = new Pace("normal", 1.0, 1.0, false);
    public static final Pace CI = new Pace("ci", 0.5, 2.0, false);

    /** presenter, normal or ci; null when unknown. */
    public static Pace parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "presenter" -> PRESENTER;
            case "normal" -> NORMAL;
            case "ci" -> CI;
            default -> null;
        };
    }
}
