package dev.canarylab.lab.control;

import java.time.Instant;

/**
 * What a running lab leaves in {@code .lab/state.json} for the commands that talk to it.
 *
 * @param token the bearer token of the control API; the file is readable by its owner only
 */
public record LabState(long pid, String controlUrl, String routerUrl, String token, Instant startedAt) {
}
