package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML file of manifests/ is Kubernetes that fabric8's typed model reads whole: no unknown kind or field. */
class ManifestsTest {

    private static final Path DIR = Path.of("../manifests");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyManifestLoadsIntoTheTypedModelWithoutUnknownFields() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<String> problems = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("sample-app.yaml", "router.yaml", "prometheus.yaml", "grafana.yaml", "traffic-gen-job.yaml");
        for (Path file : files) {
            for (JsonNode doc : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                String where = file.getFileName() + " " + doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
                String kind = doc.path("kind").asText();
                if (kind.equals("TraefikService") || kind.equals("IngressRoute")) {
                    try {
                        Class<? extends HasMetadata> type = kind.equals("TraefikService") ? TraefikService.class : IngressRoute.class;
                        STRICT.treeToValue(doc, type);
                        loaded.add(where);
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        problems.add(where + ": " + e.getOriginalMessage());
                    }
                    continue;
                }
                HasMetadata typed = serialization.convertValue(doc, HasMetadata.class);
                if (typed instanceof GenericKubernetesResource) {
                    problems.add(where + ": unknown kind " + doc.path("apiVersion").asText() + " " + kind);
                    continue;
                }
                unknownFields(typed, where, problems, new IdentityHashMap<>());
                loaded.add(where);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(loaded).contains("sample-app.yaml Deployment/sample-app-stable", "router.yaml TraefikService/sample-app",
                "router.yaml IngressRoute/sample-app", "prometheus.yaml Role/prometheus", "grafana.yaml Deployment/grafana",
                "traffic-gen-job.yaml Job/traffic-gen");
    }

    @Test
    void aFieldTheModelDoesNotKnowIsReported() throws IOException {
        String yaml = Files.readString(DIR.resolve("sample-app.yaml")).split("\n---")[0]
                .replace("replicas: 1", "replicas: 1\n  replica: 2");
        HasMetadata typed = new KubernetesSerialization().convertValue(YAML.readTree(yaml), HasMetadata.class);
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "doc", problems, new IdentityHashMap<>());
        assertThat(typed).isInstanceOf(Deployment.class);
        assertThat(problems).containsExactly("doc: unknown field 'replica' in DeploymentSpec");
    }

    @Test
    void aTraefikFieldOutsideTheTypedResourceIsRefused() throws IOException {
        String yaml = Files.readString(DIR.resolve("router.yaml")).split("\n---")[0].replace("weight: 100", "wieght: 100");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readValue(yaml, TraefikService.class))
                .hasMessageContaining("Unrecognized field \"wieght\"");
    }

    @Test
    void theSampleAppManifestHasProbesLimitsAndScrapeAnnotations() {
        Deployment d = new Manifests(new KubernetesSerialization()).one("sample-app.yaml", Deployment.class, "sample-app-stable");
        var pod = d.getSpec().getTemplate();
        var c = pod.getSpec().getContainers().get(0);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9090").containsEntry("prometheus.io/path", "/metrics");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void adminAndMetricsAreOnAPortNoServiceTargetsAndTheAdminTokenComesFromASecret() {
        Manifests m = new Manifests(new KubernetesSerialization());
        var c = m.one("sample-app.yaml", Deployment.class, "sample-app-stable").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SAMPLE_MANAGEMENT_PORT");
            assertThat(e.getValue()).isEqualTo("9090");
        });
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SAMPLE_ADMIN_TOKEN");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(Manifests.ADMIN_SECRET);
        });
        assertThat(c.getPorts()).anySatisfy(p -> assertThat(p.getName() + "=" + p.getContainerPort()).isEqualTo("management=9090"));
        for (var s : m.load("sample-app.yaml").stream().filter(io.fabric8.kubernetes.api.model.Service.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.Service.class::cast).toList()) {
            assertThat(s.getSpec().getPorts()).as(s.getMetadata().getName())
                    .allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        }
    }

    /** Fabric8's model keeps fields it does not know in additionalProperties: any there is a typo or a wrong place. */
    static void unknownFields(Object o, String where, List<String> problems, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            c.forEach(x -> unknownFields(x, where, problems, seen));
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.values().forEach(x -> unknownFields(x, where, problems, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                for (Object key : ((Map<?, ?>) value).keySet()) {
                    problems.add(where + ": unknown field '" + key + "' in " + o.getClass().getSimpleName());
                }
            } else if (!Set.of("getApiVersion", "getKind").contains(m.getName())) {
                unknownFields(value, where, problems, seen);
            }
        }
    }
}
