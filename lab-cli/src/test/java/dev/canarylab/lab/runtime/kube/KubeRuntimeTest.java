package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.KubeRuntime.Routing;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the Kubernetes runtime against fabric8's CRUD mock server (see {@link ApplyingMockServer}), with
 * a fake kubelet that makes pods for the Deployments.
 */
class KubeRuntimeTest {

    static final String NS = "lab";

    private KubernetesMockServer server;
    private KubernetesClient client;

    private final List<String> log = new ArrayList<>();
    private final Catalog catalog = CatalogLoader.load(Path.of("../lab.yaml"));
    private KubernetesClient runtimeClient;
    private FakeKubelet kubelet;
    private KubeRuntime runtime;

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

    private KubeRuntime start(Routing routing, int stableReplicas, Duration readyTimeout) {
        runtimeClient = server.createClient();
        KubeRuntime.Settings settings = new KubeRuntime.Settings(NS, "canary-lab/sample-app:dev", 42, stableReplicas,
                routing, "kube-system/traefik", false, Path.of("src/test/resources/grafana"), readyTimeout, null);
        runtime = KubeRuntime.start(runtimeClient, catalog, settings, log::add, () -> KubeRuntime.deleteLab(runtimeClient, NS));
        return runtime;
    }

    private KubeRuntime start() {
        return start(Routing.TRAEFIK, 1, Duration.ofSeconds(10));
    }

    private Deployment deployment(Track track) {
        return client.apps().deployments().inNamespace(NS).withName("sample-app-" + track.label()).get();
    }

    private Map<String, String> env(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() != null ? e.getValue()
                        : "secret " + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));
    }

    /** The weighted split as "track=weight" entries, in order. */
    private List<String> weights() {
        TraefikService ts = client.resources(TraefikService.class).inNamespace(NS).withName("sample-app").get();
        return ts.getSpec().weighted().services().stream().map(s -> s.name().replace("sample-app-", "") + "=" + s.weight())
                .toList();
    }

    private List<String> previewRoutes() {
        IngressRoute ir = client.resources(IngressRoute.class).inNamespace(NS).withName("sample-app").get();
        return ir.getSpec().routes().stream().map(r -> r.match() + " -> " + r.services().get(0).name()).toList();
    }

    @Test
    void upAppliesTheStableVersionTheRouterPrometheusAndGrafana() {
        start();
        Deployment stable = deployment(Track.STABLE);
        assertThat(stable.getMetadata().getLabels()).containsEntry("app", "sample-app").containsEntry("track", "stable")
                .containsEntry("version", "v1");
        assertThat(stable.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "v1");
        assertThat(stable.getSpec().getReplicas()).isEqualTo(1);
        assertThat(env(stable)).containsEntry("SAMPLE_VERSION", "v1").containsEntry("SAMPLE_COLOR", "blue")
                .containsEntry("SAMPLE_TRACK", "stable").containsEntry("SAMPLE_SEED", "42");
        assertThat(stable.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("canary-lab/sample-app:dev");
        assertThat(client.services().inNamespace(NS).withName("sample-app-stable").get().getSpec().getSelector())
                .containsExactlyInAnyOrderEntriesOf(Map.of("app", "sample-app", "track", "stable"));
        assertThat(weights()).containsExactly("stable=100");
        assertThat(previewRoutes()).containsExactly("PathPrefix(`/`) -> sample-app",
                "Header(`X-Lab-Track`, `stable`) -> sample-app-stable");
        assertThat(client.apps().deployments().inNamespace(NS).withName("prometheus").get()).isNotNull();
        assertThat(client.rbac().roles().inNamespace(NS).withName("prometheus").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(NS).withName("prometheus-config").get().getData().get("prometheus.yml"))
                .contains("own_namespace: true");
        assertThat(client.apps().deployments().inNamespace(NS).withName("grafana").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(NS).withName("grafana-dashboards").get().getData())
                .containsKey("canary.json");
        runtime.awaitReady(Track.STABLE, Duration.ofSeconds(10));
        RuntimeStatus s = runtime.status();
        assertThat(s.track(Track.STABLE).version()).isEqualTo("v1");
        assertThat(s.track(Track.STABLE).ready()).isEqualTo(1);
        assertThat(s.track(Track.STABLE).health()).isEqualTo("Healthy");
    }

    @Test
    void everyTrackGetsTheAdminTokenFromTheLabsSecretAndItsAdminApiOffTheServicePort() {
        start();
        runtime.deploy("v3", Track.CANARY, 1);
        var secret = client.secrets().inNamespace(NS).withName("sample-app-admin").get();
        String token = secret.getStringData() != null && secret.getStringData().containsKey("token")
                ? secret.getStringData().get("token")
                : new String(java.util.Base64.getDecoder().decode(secret.getData().get("token")), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(token).matches("[0-9a-f]{64}");
        for (Track t : List.of(Track.STABLE, Track.CANARY)) {
            Deployment d = deployment(t);
            assertThat(env(d)).containsEntry("SAMPLE_ADMIN_TOKEN", "secret sample-app-admin/token")
                    .containsEntry("SAMPLE_MANAGEMENT_PORT", "9090");
            assertThat(client.getKubernetesSerialization().asYaml(d)).doesNotContain(token);
        }
    }

    @Test
    void aCanaryStartsAtWeightZeroWithItsFaultsAndAPreviewRoute() {
        start();
        runtime.deploy("v3", Track.CANARY, 2);
        Deployment canary = deployment(Track.CANARY);
        assertThat(canary.getMetadata().getLabels()).containsEntry("track", "canary").containsEntry("version", "v3");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(2);
        assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("track", "canary").doesNotContainKey("version");
        assertThat(env(canary)).containsEntry("SAMPLE_VERSION", "v3").containsEntry("SAMPLE_LATENCY", "250ms")
                .containsEntry("SAMPLE_LATENCY_RATIO", "0.3").containsEntry("SAMPLE_TRACK", "canary");
        assertThat(weights()).containsExactly("stable=100");
        assertThat(previewRoutes()).contains("Header(`X-Lab-Track`, `canary`) -> sample-app-canary");
        assertThat(runtime.status().weightOf(Track.CANARY)).isZero();
    }

    @Test
    void theWeightGoesToTheCanaryAndAsMuchToTheBaseline() {
        start();
        runtime.deploy("v1", Track.BASELINE, 1);
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setWeight(10);
        assertThat(weights()).containsExactly("stable=80", "baseline=10", "canary=10");
        runtime.setWeight(50);
        assertThat(weights()).containsExactly("baseline=50", "canary=50");
        assertThat(runtime.status().canaryWeight()).isEqualTo(50);
        assertThat(runtime.status().lastChangeSummary()).contains("canary weight 10% -> 50%");
        assertThatThrownBy(() -> runtime.setWeight(60)).isInstanceOf(LabException.class)
                .hasMessageContaining("at most 50").extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(weights()).containsExactly("baseline=50", "canary=50");
    }

    @Test
    void promotionMakesTheCanaryVersionStableAndRemovesCanaryAndBaseline() {
        start();
        runtime.deploy("v1", Track.BASELINE, 1);
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setWeight(25);
        runtime.promote();
        Deployment stable = deployment(Track.STABLE);
        assertThat(stable.getMetadata().getLabels()).containsEntry("version", "v2");
        assertThat(env(stable)).containsEntry("SAMPLE_VERSION", "v2").containsEntry("SAMPLE_COLOR", "green");
        assertThat(deployment(Track.CANARY)).isNull();
        assertThat(deployment(Track.BASELINE)).isNull();
        assertThat(client.services().inNamespace(NS).withName("sample-app-canary").get()).isNull();
        assertThat(weights()).containsExactly("stable=100");
        assertThat(previewRoutes()).noneMatch(r -> r.contains("canary") || r.contains("baseline"));
        RuntimeStatus s = runtime.status();
        assertThat(s.tracks()).hasSize(1);
        assertThat(s.track(Track.STABLE).version()).isEqualTo("v2");
        assertThat(s.track(Track.STABLE).instances()).allMatch(i -> i.id().contains("v2"));
        assertThat(s.canaryWeight()).isZero();
        assertThat(s.lastChangeSummary()).isEqualTo("promoted v2: stable, 100% of traffic");
    }

    @Test
    void aStalledPromotionLeavesTheCanaryServingEveryoneAndSaysSo() {
        start(Routing.TRAEFIK, 1, Duration.ofSeconds(2));
        runtime.deploy("v6", Track.CANARY, 1);
        runtime.setWeight(20);
        kubelet.pause(true);
        assertThatThrownBy(runtime::promote).isInstanceOf(LabException.class)
                .hasMessageContaining("promotion stalled").hasMessageContaining("'lab rollback'")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.NOT_READY);
        assertThat(weights()).containsExactly("canary=100");
        assertThat(deployment(Track.CANARY)).isNotNull();
        kubelet.pause(false);
        runtime.rollback();
        assertThat(weights()).containsExactly("stable=100");
    }

    @Test
    void rollbackSendsAllTrafficToStableAndRemovesCanaryAndBaseline() {
        start();
        runtime.deploy("v1", Track.BASELINE, 1);
        runtime.deploy("v3", Track.CANARY, 1);
        runtime.setWeight(30);
        runtime.rollback();
        assertThat(weights()).containsExactly("stable=100");
        assertThat(deployment(Track.CANARY)).isNull();
        assertThat(deployment(Track.BASELINE)).isNull();
        assertThat(deployment(Track.STABLE).getMetadata().getLabels()).containsEntry("version", "v1");
        assertThat(runtime.status().lastChangeSummary()).isEqualTo("rolled back: canary weight 30% -> 0%, 100% to stable v1");
        assertThatThrownBy(() -> runtime.setWeight(10)).hasMessageContaining("no canary is deployed");
    }

    @Test
    void removingATrackWithZeroReplicasDeletesItsDeploymentAndRoute() {
        start();
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setWeight(10);
        runtime.deploy("v2", Track.CANARY, 0);
        assertThat(deployment(Track.CANARY)).isNull();
        assertThat(weights()).containsExactly("stable=100");
        assertThatThrownBy(() -> runtime.deploy("v2", Track.STABLE, 0)).hasMessageContaining("stable cannot have 0 replicas");
        assertThatThrownBy(() -> runtime.deploy("v9", Track.CANARY, 1)).hasMessageContaining("unknown version 'v9'");
    }

    @Test
    void withoutTraefikTheWeightBecomesPodCountsAndStatusStatesTheRounding() {
        start(Routing.REPLICA_RATIO, 4, Duration.ofSeconds(10));
        runtime.deploy("v2", Track.CANARY, 1);
        assertThat(deployment(Track.CANARY).getSpec().getReplicas()).isZero();
        assertThat(deployment(Track.STABLE).getSpec().getReplicas()).isEqualTo(4);
        runtime.setWeight(10);
        assertThat(deployment(Track.CANARY).getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment(Track.STABLE).getSpec().getReplicas()).isEqualTo(3);
        RuntimeStatus s = runtime.status();
        assertThat(s.canaryWeight()).isEqualTo(25);
        assertThat(s.lastChangeSummary()).contains("canary 1, stable 3 of 4 pods: canary gets 25% (asked 10%");
        assertThat(client.resources(TraefikService.class).inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).withName("sample-app").get().getSpec().getSelector())
                .containsExactlyEntriesOf(Map.of("app", "sample-app"));
        runtime.promote();
        assertThat(deployment(Track.STABLE).getMetadata().getLabels()).containsEntry("version", "v2");
        assertThat(deployment(Track.STABLE).getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployment(Track.CANARY)).isNull();
        assertThat(runtime.status().canaryWeight()).isZero();
    }

    @Test
    void theKubeRuntimeTouchesNothingOutsideItsNamespaceAndDownRemovesWhatItApplied() {
        Deployment other = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
                .withName("sample-app-stable").withNamespace("other").addToLabels("app", "sample-app")
                .addToLabels("version", "theirs").addToLabels(Manifests.PART_OF, Manifests.LAB).endMetadata()
                .withNewSpec().withReplicas(3).endSpec().build();
        client.apps().deployments().inNamespace("other").resource(other).create();
        ApplyingMockServer.PATHS.clear();
        start();
        runtime.deploy("v1", Track.BASELINE, 1);
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setWeight(10);
        runtime.status();
        runtime.promote();
        runtime.deploy("v3", Track.CANARY, 1);
        runtime.rollback();
        runtime.close();
        runtime = null;
        List<String> outside = List.copyOf(ApplyingMockServer.PATHS).stream()
                .filter(p -> !p.contains("/namespaces/" + NS + "/")).toList();
        assertThat(outside).isEmpty();
        Deployment theirs = client.apps().deployments().inNamespace("other").withName("sample-app-stable").get();
        assertThat(theirs.getMetadata().getLabels()).containsEntry("version", "theirs");
        assertThat(theirs.getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.resources(TraefikService.class).inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.rbac().roles().inNamespace(NS).list().getItems()).isEmpty();
    }
}
