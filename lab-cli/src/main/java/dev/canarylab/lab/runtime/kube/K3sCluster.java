package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * K3s in Docker for {@code lab up --runtime k3s}, with Traefik v3 (which Testcontainers' K3s module turns off,
 * and the lab turns back on) and the lab's images imported from Jib's tars at start-up.
 *
 * <p>Lifetime: the container belongs to the lab process ({@code lab up}, or its background process with
 * {@code -d}), which keeps the port-forwards too; {@code lab down} stops that process, which stops the container.
 * If the process is killed, Testcontainers' reaper (Ryuk) removes the container once the JVM is gone, so no cluster
 * is left running by mistake. The kubeconfig is in {@code .lab/k3s.yaml} while it runs, for kubectl.
 */
public final class K3sCluster implements AutoCloseable {

    /** One pinned K3s release; v1.32 is the first line that bundles Traefik v3 (traefik.io/v1alpha1 CRDs). */
    public static final String IMAGE = "rancher/k3s:v1.32.5-k3s1";
    /** Label of the container, for {@code docker ps --filter label=dev.canarylab.lab=k3s}. */
    public static final String LABEL = "dev.canarylab.lab";
    private static final String AIRGAP_IMAGES = "/var/lib/rancher/k3s/agent/images/";

    private final K3sContainer container;
    private final Path kubeconfig;
    private final String kubeconfigYaml;

    private K3sCluster(K3sContainer container, Path kubeconfig, String kubeconfigYaml) {
        this.container = container;
        this.kubeconfig = kubeconfig;
        this.kubeconfigYaml = kubeconfigYaml;
    }

    /** Starts K3s with the image tars in its air-gap folder (imported by K3s at start), writes the kubeconfig. */
    @SuppressWarnings("resource")
    public static K3sCluster start(Path stateDir, List<Path> imageTars, Consumer<String> log) {
        for (Path tar : imageTars) {
            if (!Files.isRegularFile(tar)) {
                throw new LabException(ExitCodes.MISSING_JAR, "image " + tar + " not found; build the images with Jib:"
                        + " ./mvnw -Pimages -pl sample-app,traffic-gen -am package (needs the base image from Docker Hub)");
            }
        }
        if (!dockerAvailable()) {
            throw new LabException(ExitCodes.NO_CLUSTER, "--runtime k3s needs a Docker engine that allows privileged"
                    + " containers, and none answered (docker info); or use --runtime kube with a kubeconfig");
        }
        log.accept("starting " + IMAGE + " in Docker (like k3d cluster create), Traefik on");
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(IMAGE));
        k3s.withCommand("server", "--tls-san=" + k3s.getHost());
        k3s.withLabel(LABEL, "k3s");
        for (Path tar : imageTars) {
            String name = tar.toAbsolutePath().getParent().getParent().getFileName() + ".tar";
            k3s.withCopyFileToContainer(MountableFile.forHostPath(tar), AIRGAP_IMAGES + name);
        }
        k3s.start();
        String yaml = k3s.getKubeConfigYaml();
        Path file = stateDir.resolve("k3s.yaml");
        try {
            Files.createDirectories(stateDir);
            Files.writeString(file, yaml);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            k3s.stop();
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            // not POSIX: the file keeps the directory's permissions
        }
        log.accept("K3s is up; kubeconfig " + file + " (kubectl --kubeconfig " + file + " get pods -A)");
        return new K3sCluster(k3s, file, yaml);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Waits, on watches, until K3s's Helm job has installed Traefik: its CRDs served and its Deployment ready. */
    public void awaitTraefik(KubernetesClient client, Duration timeout) {
        long ms = timeout.toMillis();
        try {
            client.apiextensions().v1().customResourceDefinitions().withName("traefikservices.traefik.io")
                    .waitUntilCondition(K3sCluster::established, ms, TimeUnit.MILLISECONDS);
            client.apps().deployments().inNamespace("kube-system").withName("traefik")
                    .waitUntilCondition(d -> d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                            && d.getStatus().getReadyReplicas() > 0, ms, TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new LabException(ExitCodes.NOT_READY, "K3s did not install Traefik within " + timeout.toSeconds()
                    + " s; kubectl --kubeconfig " + kubeconfig + " -n kube-system get pods shows why");
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Stops and removes the container (and its volumes), and deletes the kubeconfig. */
    @Override
    public void close() {
        container.stop();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
            // a stale kubeconfig points at a port nobody listens on
        }
    }
}
