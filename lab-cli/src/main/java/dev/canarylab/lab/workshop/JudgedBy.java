package dev.canarylab.lab.workshop;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.JudgedWith;
import dev.canarylab.lab.rollout.RolloutOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An attendee's canary config and the rollouts it judged: those whose report records the file's present content
 * (its SHA-256), so that a rollout judged before the last edit does not count.
 *
 * @param name    the file as the sentences name it
 * @param config  the file, loaded as {@code lab rollout --config} loads it
 * @param judged  the reports judged with this content, oldest first
 * @param earlier reports judged with the same path but another content (an earlier edit)
 */
record JudgedBy(String name, CanaryConfig config, List<Report> judged, List<Report> earlier) {

    /**
     * The attendee's config, or empty when the file does not exist.
     *
     * @throws dev.canarylab.lab.LabException bad input, as for {@code lab rollout --config}, when it does not load
     */
    static Optional<JudgedBy> load(Workshop workshop, String usualName) {
        Path file = workshop.file(usualName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        CanaryConfig config = ConfigLoader.load(file);
        String sha = JudgedWith.sha256(file);
        List<Report> all = workshop.reports();
        List<Report> judged = all.stream().filter(r -> sha != null && sha.equals(r.record().judgedWith().configSha256()))
                .toList();
        Path name = file.getFileName();
        List<Report> earlier = all.stream().filter(r -> !judged.contains(r) && r.record().judgedWith().config() != null
                && Path.of(r.record().judgedWith().config()).getFileName().equals(name)).toList();
        return Optional.of(new JudgedBy(workshop.fileName(usualName), config, judged, earlier));
    }

    /** The newest rollout of {@code version} judged with this config. */
    Optional<Report> latest(String version) {
        List<Report> of = judged.stream().filter(r -> version.equals(r.version())).toList();
        return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
    }

    Optional<Report> latest(String version, RolloutOutcome outcome) {
        List<Report> of = judged.stream().filter(r -> r.is(version, outcome)).toList();
        return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
    }

    /** "no rollout of v3 was judged with my-canary.yaml yet", or that only an earlier edit judged one. */
    String noneOf(String version) {
        boolean before = earlier.stream().anyMatch(r -> version.equals(r.version()));
        return before ? "your rollouts of " + version + " were judged with an earlier " + name
                + " (it changed since)" : "no rollout of " + version + " was judged with " + name + " yet";
    }

    String rollout(String version) {
        return "'lab rollout " + version + " --config " + name + "'";
    }
}
