package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.metrics.PrometheusSource;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.kube.Clusters;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code lab up}'s choice of runtime: local processes, K3s started by the lab, or a cluster from a kubeconfig. */
public final class RuntimeOptions {

    @Option(names = "--runtime", paramLabel = "local|k3s|kube", defaultValue = "${env:LAB_RUNTIME:-local}",
            completionCandidates = RuntimeKind.Labels.class,
            description = "local: child processes and the embedded router; k3s: K3s in Docker, started by the lab;"
                    + " kube: the cluster of a kubeconfig (LAB_RUNTIME; default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kube: the kubeconfig (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kube: the kubeconfig context (default: its current context).")
    String context;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:LAB_NAMESPACE}",
            description = "k3s, kube: the namespace of everything the lab applies; kube: it must exist"
                    + " (LAB_NAMESPACE; default: canary-lab on k3s, the context's namespace on kube).")
    String namespace;

    @Option(names = "--registry", paramLabel = "REGISTRY", defaultValue = "${env:LAB_REGISTRY}",
            description = "kube: where Jib pushed the images (-Dimage.prefix=REGISTRY); pods run REGISTRY/sample-app:dev (LAB_REGISTRY).")
    String registry;

    @Option(names = "--grafana-dir", paramLabel = "DIR", defaultValue = "${env:LAB_GRAFANA_DIR:-grafana}",
            description = "k3s, kube: Grafana's provisioning and dashboards (LAB_GRAFANA_DIR; default: ${DEFAULT-VALUE}).")
    Path grafana;

    /** Rejects impossible combinations in one line, before anything starts. */
    void validate() {
        RuntimeKind kind = kind();
        if (kind != RuntimeKind.KUBE && (kubeconfig != null || context != null || registry != null)) {
            throw LabException.badInput("--kubeconfig, --context and --registry are for --runtime kube");
        }
        if (kind == RuntimeKind.LOCAL && namespace != null) {
            throw LabException.badInput("--namespace is for --runtime k3s or kube");
        }
        if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw LabException.badInput("--namespace must be a Kubernetes name (lower-case letters, digits, '-'), got '" + namespace + "'");
        }
        if (registry != null && !registry.matches("[A-Za-z0-9.:/_-]+")) {
            throw LabException.badInput("--registry must be a registry host and path such as ghcr.io/me, got '" + registry + "'");
        }
    }

    RuntimeKind kind() {
        return RuntimeKind.parse(runtime);
    }

    boolean local() {
        return kind() == RuntimeKind.LOCAL;
    }

    /** Starts the chosen runtime; the local one with {@code local}, the clusters with the same seed and replicas. */
    LabRuntime start(Catalog catalog, LocalRuntime.Settings local, Path trafficJar, Path stateDir, Duration readyTimeout,
            Consumer<String> log) {
        if (local()) {
            return LocalRuntime.start(catalog, local.withReadyTimeout(readyTimeout).withStateDir(stateDir), log);
        }
        String ns = namespace != null ? namespace : kind() == RuntimeKind.K3S ? "canary-lab" : null;
        Clusters.Request r = new Clusters.Request(catalog, ns,
                registry, local.seed(), local.stableReplicas(), stateDir, local.sampleJar(), trafficJar, grafana,
                readyTimeout, prometheusSource(ns));
        return kind() == RuntimeKind.K3S ? Clusters.k3s(r, log) : Clusters.kube(r, kubeconfig, context, log);
    }

    /**
     * The judge's metric source on a cluster: the in-cluster Prometheus (scraping every 5 s) through its
     * port-forward, its series labelled with the pods' namespace and track.
     */
    static Function<String, MetricSource> prometheusSource(String namespace) {
        return url -> new PrometheusSource(new PrometheusSource.Settings(java.net.URI.create(url), Duration.ofSeconds(10),
                namespace == null ? PrometheusSource.DEFAULT_NAMESPACE : namespace, Duration.ofSeconds(10), 3,
                Duration.ofSeconds(1)), track -> null);
    }

    /** The same choice as arguments, for the background process of {@code lab up -d}. */
    List<String> args() {
        List<String> a = new ArrayList<>(List.of("--runtime", runtime));
        if (kubeconfig != null) {
            a.addAll(List.of("--kubeconfig", kubeconfig.toAbsolutePath().toString()));
        }
        if (context != null) {
            a.addAll(List.of("--context", context));
        }
        if (namespace != null) {
            a.addAll(List.of("--namespace", namespace));
        }
        if (registry != null) {
            a.addAll(List.of("--registry", registry));
        }
        a.addAll(List.of("--grafana-dir", grafana.toAbsolutePath().toString()));
        return a;
    }
}
