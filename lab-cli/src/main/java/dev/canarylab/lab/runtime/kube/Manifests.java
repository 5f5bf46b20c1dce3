package dev.canarylab.lab.runtime.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The YAML of {@code manifests/} (bundled in the jar), rendered for a track, a version and weights by editing the
 * typed objects: the files stay plain Kubernetes that {@code kubectl apply} accepts, and the Java only changes
 * what varies (names, labels, replicas, SAMPLE_* variables, weights, routes).
 */
final class Manifests {

    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String LAB = "canary-lab";
    static final String APP = "sample-app";
    static final int PORT = 8080;
    static final String TRACK_HEADER = "X-Lab-Track";
    static final String ADMIN_SECRET = "sample-app-admin";
    /** The mirroring TraefikService in front of stable, while a mirror is on. */
    static final String MIRROR = APP + "-mirror";
    /** The split that a mirror with match conditions sends its matching requests to. */
    static final String MIRRORED_SPLIT = APP + "-mirrored";
    /** Preview routes beat every header route, which beat the entry route (priority 1). */
    static final int PREVIEW_PRIORITY = 100;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesSerialization serialization;

    Manifests(KubernetesSerialization serialization) {
        this.serialization = serialization;
        serialization.registerKubernetesResource(TraefikService.class);
        serialization.registerKubernetesResource(IngressRoute.class);
    }

    /** Every document of {@code manifests/<file>}, typed by its kind. */
    List<HasMetadata> load(String file) {
        try (InputStream in = Manifests.class.getResourceAsStream("/manifests/" + file)) {
            if (in == null) {
                throw new IllegalStateException("manifests/" + file + " is not in the jar; rebuild lab-cli");
            }
            List<HasMetadata> out = new ArrayList<>();
            for (JsonNode doc : YAML.readValues(YAML.createParser(in), JsonNode.class).readAll()) {
                if (doc != null && !doc.isEmpty()) {
                    out.add(serialization.convertValue(doc, HasMetadata.class));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifests/" + file + ": " + e.getMessage(), e);
        }
    }

    <T extends HasMetadata> T one(String file, Class<T> kind, String name) {
        return load(file).stream().filter(kind::isInstance).map(kind::cast)
                .filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("manifests/" + file + " has no " + kind.getSimpleName() + " " + name));
    }

    static String trackName(Track track) {
        return APP + "-" + track.label();
    }

    /**
     * The Deployment of {@code track} running {@code version}: sample-app with {@code image} and its faults, or the
     * version's own image (see {@link ServiceContainer}).
     */
    Deployment track(Track track, VersionSpec version, int replicas, String image, long seed) {
        Deployment d = sampleApp(track, version, replicas, image, seed);
        return version.sampleApp() ? d : ServiceContainer.apply(d, version.service());
    }

    /** The Deployment of {@code track} running {@code version}: labels, replicas and the version's SAMPLE_* variables. */
    Deployment sampleApp(Track track, VersionSpec version, int replicas, String image, long seed) {
        Deployment d = one("sample-app.yaml", Deployment.class, trackName(Track.STABLE));
        d.getMetadata().setName(trackName(track));
        d.getMetadata().getLabels().put("track", track.label());
        d.getMetadata().getLabels().put("version", version.name());
        d.getSpec().setReplicas(replicas);
        d.getSpec().getSelector().getMatchLabels().put("track", track.label());
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        podLabels.put("track", track.label());
        podLabels.put("version", version.name());
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        c.setImage(image);
        // The template's variables (management port, admin token from its Secret) stay; the version's are set.
        Map<String, EnvVar> template = new LinkedHashMap<>();
        c.getEnv().forEach(e -> template.put(e.getName(), e));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAMPLE_VERSION", version.name());
        env.put("SAMPLE_COLOR", version.color());
        env.put("SAMPLE_TRACK", track.label());
        env.put("SAMPLE_SEED", Long.toString(seed));
        version.faults().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(f -> env.put("SAMPLE_" + f.getKey().toUpperCase(Locale.ROOT).replace('-', '_'), f.getValue()));
        env.forEach((name, value) -> template.put(name, new EnvVar(name, value, null)));
        c.setEnv(List.copyOf(template.values()));
        return d;
    }

    /** The Secret holding the instances' admin token (a variable of theirs, never an argument). */
    static Secret adminSecret(String token) {
        return new SecretBuilder().withNewMetadata().withName(ADMIN_SECRET).addToLabels("app", APP)
                .addToLabels(PART_OF, LAB).endMetadata().withType("Opaque").addToStringData("token", token).build();
    }

    /** The Service of one track, for the weighted split and the preview route. */
    Service trackService(Track track) {
        Service s = one("sample-app.yaml", Service.class, trackName(Track.STABLE));
        s.getMetadata().setName(trackName(track));
        s.getMetadata().getLabels().put("track", track.label());
        s.getSpec().getSelector().put("track", track.label());
        return s;
    }

    /** The Service of every track: the entry point of the replica-ratio fallback. */
    Service entryService() {
        return one("sample-app.yaml", Service.class, APP);
    }

    /** The weighted split: one entry per track with a weight above 0, in track order. */
    TraefikService split(Map<Track, Integer> weights) {
        return split(APP, weights, null, false);
    }

    /**
     * A weighted split named {@code name}; with {@code affinity}, a sticky cookie (Traefik's {@code sticky.cookie})
     * pins a client to the track that first served it; with {@code mirrorStable}, stable's share goes through the
     * mirroring service {@link #MIRROR}, so only requests stable serves are copied.
     */
    TraefikService split(String name, Map<Track, Integer> weights, Affinity affinity, boolean mirrorStable) {
        TraefikService ts = one("router.yaml", TraefikService.class, APP);
        ts.getMetadata().setName(name);
        List<TraefikService.WeightedService> services = new ArrayList<>();
        for (Track t : Track.values()) {
            int w = weights.getOrDefault(t, 0);
            if (w > 0 && t == Track.STABLE && mirrorStable) {
                services.add(new TraefikService.WeightedService(MIRROR, null, w, "TraefikService"));
            } else if (w > 0) {
                services.add(new TraefikService.WeightedService(trackName(t), PORT, w, null));
            }
        }
        TraefikService.Sticky sticky = affinity == null ? null : new TraefikService.Sticky(new TraefikService.Cookie(
                affinity.cookie(), true, "lax", (int) affinity.maxAgeSeconds()));
        ts.setSpec(new TraefikService.Spec(new TraefikService.Weighted(services, sticky), null));
        return ts;
    }

    /** Stable, with {@code percent} of its requests copied to each of {@code targets} (Traefik's mirroring). */
    TraefikService mirror(List<Track> targets, int percent) {
        TraefikService ts = one("router.yaml", TraefikService.class, APP);
        ts.getMetadata().setName(MIRROR);
        List<TraefikService.MirrorService> mirrors = targets.stream()
                .map(t -> new TraefikService.MirrorService(trackName(t), PORT, percent)).toList();
        ts.setSpec(new TraefikService.Spec(null,
                new TraefikService.Mirroring(trackName(Track.STABLE), PORT, null, mirrors)));
        return ts;
    }

    /** The entry route to the split, and one preview route per deployed track (header X-Lab-Track: track). */
    IngressRoute entry(List<Track> deployed) {
        return entry(deployed, List.of());
    }

    /** The entry, the previews, and {@code routes} (header and cookie routes, a mirror's match) between them. */
    IngressRoute entry(List<Track> deployed, List<IngressRoute.Route> extra) {
        IngressRoute ir = one("router.yaml", IngressRoute.class, APP);
        IngressRoute.Route main = ir.getSpec().routes().stream().filter(r -> r.match().startsWith("PathPrefix"))
                .findFirst().orElseThrow(() -> new IllegalStateException("manifests/router.yaml has no PathPrefix route"));
        List<IngressRoute.Route> routes = new ArrayList<>();
        routes.add(main);
        for (Track t : deployed) {
            routes.add(new IngressRoute.Route("Header(`" + TRACK_HEADER + "`, `" + t.label() + "`)", "Rule", PREVIEW_PRIORITY,
                    List.of(new IngressRoute.ServiceRef(trackName(t), PORT, null))));
        }
        routes.addAll(extra);
        ir.setSpec(new IngressRoute.Spec(ir.getSpec().entryPoints(), routes));
        return ir;
    }

    /**
     * Grafana's three ConfigMaps, from the files of {@code grafanaDir} (like {@code kubectl create configmap
     * --from-file}); a missing folder gives empty ones, and Grafana starts without dashboards.
     */
    List<ConfigMap> grafanaConfig(Path grafanaDir) {
        return List.of(
                configMap("grafana-datasources", grafanaDir.resolve("provisioning/datasources"), ".yaml"),
                configMap("grafana-dashboard-providers", grafanaDir.resolve("provisioning/dashboards"), ".yaml"),
                configMap("grafana-dashboards", grafanaDir.resolve("dashboards"), ".json"));
    }

    private static ConfigMap configMap(String name, Path dir, String suffix) {
        Map<String, String> data = new java.util.TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
                    data.put(f.getFileName().toString(), Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", "grafana")
                .addToLabels(PART_OF, LAB).endMetadata().withData(data).build();
    }
}
