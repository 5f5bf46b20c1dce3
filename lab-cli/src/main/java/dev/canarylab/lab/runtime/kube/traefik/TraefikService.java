package dev.canarylab.lab.runtime.kube.traefik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** Traefik's {@code TraefikService} (traefik.io/v1alpha1), only its weighted round robin: the canary split. */
@Group("traefik.io")
@Version("v1alpha1")
@JsonIgnoreProperties(ignoreUnknown = false)
public final class TraefikService extends CustomResource<TraefikService.Spec, Void> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** {@code spec}: a weighted set of Services. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(Weighted weighted) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Weighted(List<WeightedService> services) {

        public Weighted {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** A Kubernetes Service and its share of the sum of the weights. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WeightedService(String name, Integer port, Integer weight) {
    }
}
