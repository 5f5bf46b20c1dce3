package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.KubeRuntime.Routing;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalogue version with {@code image:} on the Kubernetes runtime, against fabric8's CRUD mock server. */
class KubeServiceTest {

    static final String NS = "lab";

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private FakeKubelet kubelet;
    private KubeRuntime runtime;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void kubelet() {
        server = ApplyingMockServer.start();
        client = server.createClient();
        kubelet = new FakeKubelet(client, NS);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        kubelet.close();
        client.close();
        server.destroy();
    }

    private KubeRuntime start() throws Exception {
        Catalog catalog = CatalogLoader.load(Files.writeString(dir.resolve("lab.yaml"), """
                stable: v1
                versions:
                  v1: {color: blue}
                  orders: {color: green, image: 'ghcr.io/acme/orders:1.5', port: 9000, startTimeout: 30s,
                           readiness: {path: /health, status: 200}, metricsPath: /prometheus}
                  tcp: {color: teal, image: 'ghcr.io/acme/orders:1.6', port: 7000}
                  local: {color: red, command: [./orders, '${PORT}']}
                """));
        KubernetesClient runtimeClient = server.createClient();
        KubeRuntime.Settings settings = new KubeRuntime.Settings(NS, "canary-lab/sample-app:dev", 42, 1,
                Routing.TRAEFIK, "kube-system/traefik", false, Path.of("src/test/resources/grafana"), Duration.ofSeconds(10), null);
        runtime = KubeRuntime.start(runtimeClient, catalog, settings, log::add, () -> KubeRuntime.deleteLab(runtimeClient, NS));
        return runtime;
    }

    private Container container(Track track) {
        Deployment d = client.apps().deployments().inNamespace(NS).withName("sample-app-" + track.label()).get();
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void anImageVersionRunsItsImageOnItsPortWithItsReadinessAndStartupProbes() throws Exception {
        start().deploy("orders", Track.CANARY, 2);
        Deployment d = client.apps().deployments().inNamespace(NS).withName("sample-app-canary").get();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("track", "canary")
                .containsEntry("version", "orders");
        Container c = container(Track.CANARY);
        assertThat(c.getImage()).isEqualTo("ghcr.io/acme/orders:1.5");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).as("the name the track's Service targets").isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(9000);
        });
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold())
                .as("startTimeout 30s").isEqualTo(30);
        assertThat(c.getLivenessProbe()).as("sample-app's /health/live is not the service's").isNull();
        assertThat(c.getEnv()).as("no SAMPLE_* variable nor admin token").isEmpty();
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", "9000").containsEntry("prometheus.io/path", "/prometheus");
        assertThat(client.services().inNamespace(NS).withName("sample-app-canary").get().getSpec().getPorts())
                .singleElement().satisfies(p -> assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http")));
        runtime.awaitReady(Track.CANARY, Duration.ofSeconds(10));
        assertThat(container(Track.STABLE).getImage()).as("stable is still sample-app").isEqualTo("canary-lab/sample-app:dev");
    }

    @Test
    void anImageVersionWithoutAnHttpCheckGetsATcpProbeAndNoScrape() throws Exception {
        start().deploy("tcp", Track.CANARY, 1);
        Container c = container(Track.CANARY);
        assertThat(c.getReadinessProbe().getHttpGet()).isNull();
        assertThat(c.getReadinessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(7000));
        assertThat(client.apps().deployments().inNamespace(NS).withName("sample-app-canary").get().getSpec()
                .getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "false")
                .doesNotContainKey("prometheus.io/port");
    }

    @Test
    void aVersionWithoutAnImageIsRefusedOnACluster() throws Exception {
        KubeRuntime rt = start();
        assertThatThrownBy(() -> rt.deploy("local", Track.CANARY, 1)).isInstanceOf(LabException.class)
                .hasMessage("version 'local' has no image: a cluster runs containers; give it image: and port: in the"
                        + " catalogue (or use the local runtime)")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(client.apps().deployments().inNamespace(NS).withName("sample-app-canary").get()).isNull();
    }
}
