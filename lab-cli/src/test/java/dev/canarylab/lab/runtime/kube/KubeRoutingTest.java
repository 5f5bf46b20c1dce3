package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteMatch.Mode;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.KubeRuntime.Routing;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Header and cookie routes, session affinity and mirroring on a cluster, as the Traefik objects the lab applies,
 * against fabric8's mock server: verified there only, since no K3s runs without a Docker engine (docs/kubernetes.md).
 */
class KubeRoutingTest {

    private static final String NS = "lab";
    private static final RouteRule BETA = new RouteRule("beta-users", List.of(RouteMatch.header("X-Beta", Mode.EXACT, "on")),
            Track.CANARY);

    private final Catalog catalog = CatalogLoader.load(Path.of("../lab.yaml"));
    private final List<String> log = new ArrayList<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
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

    private KubeRuntime start(Routing routing) {
        KubernetesClient own = server.createClient();
        KubeRuntime.Settings settings = new KubeRuntime.Settings(NS, "canary-lab/sample-app:dev", 42, 1, routing,
                "kube-system/traefik", false, Path.of("src/test/resources/grafana"), Duration.ofSeconds(10), null);
        runtime = KubeRuntime.start(own, catalog, settings, log::add, () -> KubeRuntime.deleteLab(own, NS));
        return runtime;
    }

    private TraefikService traefikService(String name) {
        return client.resources(TraefikService.class).inNamespace(NS).withName(name).get();
    }

    /** The IngressRoute's routes as "priority rule -> service". */
    private List<String> routes() {
        IngressRoute ir = client.resources(IngressRoute.class).inNamespace(NS).withName("sample-app").get();
        return ir.getSpec().routes().stream()
                .map(r -> r.priority() + " " + r.match() + " -> " + r.services().get(0).name()).toList();
    }

    /** The split's children as "name=weight", a TraefikService marked with its kind. */
    private List<String> split(String name) {
        return traefikService(name).getSpec().weighted().services().stream()
                .map(s -> s.name() + "=" + s.weight() + (s.kind() == null ? "" : " (" + s.kind() + ")")).toList();
    }

    @Test
    void aHeaderRouteIsAnIngressRouteRuleThatBeatsTheSplitButNotThePreviews() {
        start(Routing.TRAEFIK);
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setRoute(BETA);
        runtime.setRoute(new RouteRule("pro-plan", List.of(RouteMatch.cookie("plan", Mode.PREFIX, "pro")), Track.CANARY));
        assertThat(routes()).containsExactly(
                "1 PathPrefix(`/`) -> sample-app",
                "100 Header(`X-Lab-Track`, `stable`) -> sample-app-stable",
                "100 Header(`X-Lab-Track`, `canary`) -> sample-app-canary",
                "90 Header(`X-Beta`, `on`) -> sample-app-canary",
                "89 HeaderRegexp(`Cookie`, `(?:^|;\\s*)plan=pro`) -> sample-app-canary");
        assertThat(runtime.status().routing().rules()).containsExactly(BETA,
                new RouteRule("pro-plan", List.of(RouteMatch.cookie("plan", Mode.PREFIX, "pro")), Track.CANARY));
        assertThat(runtime.status().lastChangeSummary()).contains("pro-plan").contains("like an IngressRoute rule");
        // the weights are untouched: a header route sends the matching requests, whatever the weight
        assertThat(split("sample-app")).containsExactly("sample-app-stable=100");
        runtime.removeRoute("beta-users");
        assertThat(routes()).noneMatch(r -> r.contains("X-Beta")).anyMatch(r -> r.contains("plan=pro"));
    }

    @Test
    void aRouteToATrackThatIsNotDeployedOrNotKnownIsRefused() {
        start(Routing.TRAEFIK);
        assertThatThrownBy(() -> runtime.setRoute(BETA)).isInstanceOf(LabException.class)
                .hasMessageContaining("route beta-users sends requests to canary, which is not deployed");
        assertThatThrownBy(() -> runtime.removeRoute("beta-users")).hasMessage("no route named 'beta-users'; there are no routes");
        assertThat(routes()).noneMatch(r -> r.contains("X-Beta"));
    }

    @Test
    void affinityIsAStickyCookieOnTheWeightedSplit() {
        start(Routing.TRAEFIK);
        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setWeight(30);
        runtime.setAffinity(new Affinity("lab-pin", 3600));
        TraefikService.Weighted weighted = traefikService("sample-app").getSpec().weighted();
        assertThat(weighted.sticky().cookie()).isEqualTo(new TraefikService.Cookie("lab-pin", true, "lax", 3600));
        assertThat(split("sample-app")).containsExactly("sample-app-stable=70", "sample-app-canary=30");
        runtime.setWeight(60);
        assertThat(traefikService("sample-app").getSpec().weighted().sticky()).isNotNull();
        assertThat(runtime.status().routing().affinity()).isEqualTo(new Affinity("lab-pin", 3600));
        // A rollback leaves stable the only service: a pin to the canary names nothing and the client goes to stable.
        runtime.rollback();
        assertThat(split("sample-app")).containsExactly("sample-app-stable=100");
        runtime.clearAffinity();
        assertThat(traefikService("sample-app").getSpec().weighted().sticky()).isNull();
        assertThat(runtime.status().routing().affinity()).isNull();
    }

    @Test
    void mirroringPutsAMirroringServiceInFrontOfStableSoOnlyStablesRequestsAreCopied() {
        start(Routing.TRAEFIK);
        runtime.deploy("v1", Track.BASELINE, 1);
        runtime.deploy("v4", Track.CANARY, 1);
        runtime.setMirror(Mirror.percent(50));
        TraefikService.Mirroring m = traefikService("sample-app-mirror").getSpec().mirroring();
        assertThat(m.name()).isEqualTo("sample-app-stable");
        assertThat(m.port()).isEqualTo(8080);
        assertThat(m.mirrors()).containsExactly(new TraefikService.MirrorService("sample-app-baseline", 8080, 50),
                new TraefikService.MirrorService("sample-app-canary", 8080, 50));
        assertThat(split("sample-app")).containsExactly("sample-app-mirror=100 (TraefikService)");
        runtime.setWeight(10);
        assertThat(split("sample-app")).containsExactly("sample-app-mirror=80 (TraefikService)",
                "sample-app-baseline=10", "sample-app-canary=10");
        runtime.setMirror(Mirror.OFF);
        assertThat(traefikService("sample-app-mirror")).isNull();
        assertThat(split("sample-app")).containsExactly("sample-app-stable=80", "sample-app-baseline=10", "sample-app-canary=10");
    }

    @Test
    void aMirrorWithConditionsCopiesOnlyTheMatchingRequestsThroughASecondSplit() {
        start(Routing.TRAEFIK);
        runtime.deploy("v4", Track.CANARY, 1);
        runtime.setMirror(new Mirror(100, List.of(RouteMatch.header("X-Tenant", Mode.EXACT, "acme"))));
        assertThat(split("sample-app")).containsExactly("sample-app-stable=100");
        assertThat(split("sample-app-mirrored")).containsExactly("sample-app-mirror=100 (TraefikService)");
        assertThat(routes()).contains("73 Header(`X-Tenant`, `acme`) -> sample-app-mirrored");
        runtime.setMirror(Mirror.percent(100));
        assertThat(traefikService("sample-app-mirrored")).isNull();
        assertThat(routes()).noneMatch(r -> r.contains("X-Tenant"));
    }

    @Test
    void promotionAndRollbackEndTheReleasesRoutesAndMirror() {
        start(Routing.TRAEFIK);
        runtime.deploy("v4", Track.CANARY, 1);
        runtime.setRoute(BETA);
        runtime.setMirror(Mirror.percent(50));
        runtime.rollback();
        assertThat(routes()).containsExactly("1 PathPrefix(`/`) -> sample-app",
                "100 Header(`X-Lab-Track`, `stable`) -> sample-app-stable");
        assertThat(traefikService("sample-app-mirror")).isNull();
        assertThat(split("sample-app")).containsExactly("sample-app-stable=100");
        assertThat(runtime.status().routing().rules()).isEmpty();
        assertThat(runtime.status().routing().mirror().on()).isFalse();

        runtime.deploy("v2", Track.CANARY, 1);
        runtime.setRoute(BETA);
        runtime.setMirror(Mirror.percent(20));
        runtime.promote();
        assertThat(routes()).noneMatch(r -> r.contains("X-Beta"));
        assertThat(traefikService("sample-app-mirror")).isNull();
        assertThat(split("sample-app")).containsExactly("sample-app-stable=100");
    }

    @Test
    void withoutTraefikRoutesAffinityAndMirroringAreRefusedInOneLine() {
        start(Routing.REPLICA_RATIO);
        runtime.deploy("v2", Track.CANARY, 1);
        assertThatThrownBy(() -> runtime.setRoute(BETA)).isInstanceOf(LabException.class)
                .hasMessage("Traefik is needed for header and cookie routes, and namespace lab has no Traefik CRDs"
                        + " (traffic is split by replica ratio)")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThatThrownBy(() -> runtime.setAffinity(Affinity.defaults())).hasMessageStartingWith("Traefik is needed for session affinity");
        assertThatThrownBy(() -> runtime.setMirror(Mirror.percent(10))).hasMessageStartingWith("Traefik is needed for mirroring");
    }
}
