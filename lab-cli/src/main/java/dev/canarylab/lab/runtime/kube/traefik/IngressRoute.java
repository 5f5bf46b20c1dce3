package dev.canarylab.lab.runtime.kube.traefik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** Traefik's {@code IngressRoute} (traefik.io/v1alpha1), the fields the lab uses: entry points and HTTP routes. */
@Group("traefik.io")
@Version("v1alpha1")
@JsonIgnoreProperties(ignoreUnknown = false)
public final class IngressRoute extends CustomResource<IngressRoute.Spec, Void> implements Namespaced {

    private static final long serialVersionUID = 1L;

    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(List<String> entryPoints, List<Route> routes) {

        public Spec {
            entryPoints = entryPoints == null ? List.of() : List.copyOf(entryPoints);
            routes = routes == null ? List.of() : List.copyOf(routes);
        }
    }

    /** A rule such as {@code Header(`X-Lab-Track`, `canary`)}; the highest priority that matches wins. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Route(String match, String kind, Integer priority, List<ServiceRef> services) {

        public Route {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** A Kubernetes Service (kind Service, with a port) or a TraefikService (kind TraefikService). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceRef(String name, Integer port, String kind) {
    }
}
