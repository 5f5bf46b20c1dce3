package dev.canarylab.lab.workshop;

import dev.canarylab.lab.rollout.RolloutOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** 08 kubernetes: a rollout promoted on a cluster (k3s in Docker, or a kubeconfig's). */
final class KubernetesCheck implements ModuleCheck {

    private static final Set<String> CLUSTERS = Set.of("k3s", "kube");

    private final BooleanSupplier docker;

    KubernetesCheck() {
        this(KubernetesCheck::dockerLikely);
    }

    /** @param docker whether this machine seems to run a Docker engine, which only chooses the hint */
    KubernetesCheck(BooleanSupplier docker) {
        this.docker = docker;
    }

    @Override
    public String id() {
        return "kubernetes";
    }

    @Override
    public String goal() {
        return "roll out v2 on k3s with Traefik (lab up --runtime k3s), where Docker runs";
    }

    @Override
    public Check check(Workshop workshop) {
        Optional<Report> done = workshop.latest(r -> CLUSTERS.contains(r.record().judgedWith().runtime())
                && r.outcome() == RolloutOutcome.PROMOTED);
        if (done.isPresent()) {
            Report r = done.get();
            return Check.done(r.version() + " was promoted on the " + r.record().judgedWith().runtime()
                    + " runtime, judged on " + r.record().source() + " (" + r.file().getFileName() + ")");
        }
        Optional<Report> onCluster = workshop.latest(r -> CLUSTERS.contains(r.record().judgedWith().runtime()));
        if (onCluster.isPresent()) {
            Report r = onCluster.get();
            return Check.notYet("your rollout of " + r.version() + " on " + r.record().judgedWith().runtime()
                    + " was " + r.outcome().label() + " (" + r.file().getFileName() + ")", "'lab rollout v2' again");
        }
        String hint = docker.getAsBoolean() ? "'lab down', 'lab up -d --runtime k3s', then 'lab rollout v2'"
                : "this module needs a Docker engine (none found: no DOCKER_HOST, no /var/run/docker.sock); pair"
                        + " with someone whose laptop runs Docker";
        return Check.notYet("no rollout in " + workshop.reportsDir() + " ran on k3s or kube", hint);
    }

    /** Where Testcontainers would look first; a guess, only to choose the hint. */
    private static boolean dockerLikely() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }
}
