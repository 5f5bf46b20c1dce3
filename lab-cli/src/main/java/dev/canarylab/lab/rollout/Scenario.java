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
 */
public record Scenario(String name, String title, String explain, String stable, String version, String strategy,
        Path config, double rps, Path mix, RolloutOutcome expect) {
}
