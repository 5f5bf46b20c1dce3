package dev.canarylab.lab.rollout;

import java.nio.file.Path;

/**
 * A rollout with a known ending: what `lab demo` plays and `lab test` checks.
 *
 * @param strategy a built-in strategy's name or a file
 * @param config   a canary config file, or null for the strategy's (or the default)
 * @param rps      traffic at the normal pace, requests per second to the router
 * @param mix      a request-mix file for traffic-gen ({@code traffic: {mix: FILE}}), or null for its default mix
 * @param expect   how the rollout should end
 * @param matching requests the lab sends with a header beside traffic-gen's (an A/B test's beta users), or null
 */
public record Scenario(String name, String title, String explain, String stable, String version, String strategy,
        Path config, double rps, Path mix, RolloutOutcome expect, Matching matching) {

    public Scenario(String name, String title, String explain, String stable, String version, String strategy,
            Path config, double rps, Path mix, RolloutOutcome expect) {
        this(name, title, explain, stable, version, strategy, config, rps, mix, expect, null);
    }

    /**
     * {@code percent} of the scenario's requests carry {@code header}, and as many carry {@code control} when one
     * is given (an A/B test's control group); the rest come from traffic-gen.
     */
    public record Matching(Header header, Header control, int percent) {

        /** How many groups of {@code percent} the lab sends: 1, or 2 with a control group. */
        public int groups() {
            return control == null ? 1 : 2;
        }
    }

    /** A request header, "X-Beta: on". */
    public record Header(String name, String value) {

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }
}
