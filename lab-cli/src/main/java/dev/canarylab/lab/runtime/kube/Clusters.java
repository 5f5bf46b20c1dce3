package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.runtime.MetricSource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Starts the two cluster runtimes: K3s provisioned by the lab, or a cluster from a kubeconfig. */
public final class Clusters {

    /** What {@code lab up} knows that the cluster runtimes need. */
    public record Request(Catalog catalog, String namespace, String registry, long seed, int stableReplicas,
            Path stateDir, Path sampleAppJar, Path trafficGenJar, Path grafanaDir, Duration readyTimeout,
            Function<String, MetricSource> prometheusSource) {
    }

    static final String IMAGE_TAG = "dev";
    private static final String TRAEFIK = "kube-system/traefik";

    private Clusters() {
    }

    /** K3s in Docker, the lab's images imported from Jib's tars beside the jars, Traefik for the split. */
    public static KubeRuntime k3s(Request r, Consumer<String> log) {
        List<Path> tars = List.of(jibTar(r.sampleAppJar()), jibTar(r.trafficGenJar()));
        K3sCluster cluster = K3sCluster.start(r.stateDir(), tars, log);
        KubernetesClient client = cluster.client();
        try {
            cluster.awaitTraefik(client, Duration.ofSeconds(180));
            if (client.namespaces().withName(r.namespace()).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(r.namespace())
                        .endMetadata().build()).create();
            }
            return KubeRuntime.start(client, r.catalog(), settings(r, "canary-lab/sample-app:" + IMAGE_TAG,
                    KubeRuntime.Routing.TRAEFIK), log, cluster::close);
        } catch (RuntimeException e) {
            client.close();
            cluster.close();
            throw e;
        }
    }

    /**
     * An existing cluster: the kubeconfig's context (or {@code context}), only {@code namespace}, which must exist.
     * {@code lab down} deletes what the lab applied there and nothing else.
     */
    public static KubeRuntime kube(Request r, Path kubeconfig, String context, Consumer<String> log) {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw LabException.badInput("no kubeconfig at " + kubeconfig);
                }
                config = Config.fromKubeconfig(context, new File(kubeconfig.toString()));
            } else {
                config = Config.autoConfigure(context);
            }
        } catch (KubernetesClientException e) {
            throw new LabException(ExitCodes.NO_CLUSTER, "cannot use the kubeconfig" + (context == null ? "" : " context '" + context + "'")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        config.setRequestTimeout(15_000);
        config.setRequestRetryBackoffLimit(2);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String ns = r.namespace() != null ? r.namespace() : config.getNamespace() != null ? config.getNamespace() : "default";
        try {
            client.pods().inNamespace(ns).list();
        } catch (KubernetesClientException e) {
            client.close();
            String why = e.getCode() == 404 ? "namespace '" + ns + "' does not exist (the lab creates nothing outside it:"
                    + " kubectl create namespace " + ns + ")"
                    : "the cluster at " + config.getMasterUrl() + " cannot be used: " + e.getMessage().lines().findFirst().orElse("");
            throw new LabException(ExitCodes.NO_CLUSTER, why);
        }
        if (r.registry() == null) {
            log.accept("no --registry: pods use canary-lab/sample-app:" + IMAGE_TAG + ", which the nodes must already have");
        }
        String image = (r.registry() == null ? "canary-lab" : r.registry()) + "/sample-app:" + IMAGE_TAG;
        Request inNs = new Request(r.catalog(), ns, r.registry(), r.seed(), r.stableReplicas(), r.stateDir(),
                r.sampleAppJar(), r.trafficGenJar(), r.grafanaDir(), r.readyTimeout(), r.prometheusSource());
        try {
            return KubeRuntime.start(client, r.catalog(), settings(inNs, image, KubeRuntime.Routing.AUTO), log,
                    () -> KubeRuntime.deleteLab(client, ns));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static KubeRuntime.Settings settings(Request r, String image, KubeRuntime.Routing routing) {
        return new KubeRuntime.Settings(r.namespace(), image, r.seed(), r.stableReplicas(), routing, TRAEFIK, true,
                r.grafanaDir(), r.readyTimeout(), r.prometheusSource());
    }

    /** Jib's {@code jib:buildTar} writes {@code target/jib-image.tar}, beside the module's jar. */
    static Path jibTar(Path jar) {
        Path dir = jar.toAbsolutePath().getParent();
        return dir.resolve("jib-image.tar");
    }
}
