package dev.canarylab.lab.runtime.kube.traefik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Traefik's {@code TraefikService} (traefik.io/v1alpha1), the fields the lab uses: a weighted round robin (the
 * canary split, with a sticky cookie for session affinity) or a mirroring service (a dark launch).
 */
@Group("traefik.io")
@Version("v1alpha1")
@JsonIgnoreProperties(ignoreUnknown = false)
public final class TraefikService extends CustomResource<TraefikService.Spec, Void> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** {@code spec}: either a weighted set of services or a mirroring one. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(Weighted weighted, Mirroring mirroring) {
    }

    /** The services and their weights; with {@code sticky}, a client keeps the service that first served it. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Weighted(List<WeightedService> services, Sticky sticky) {

        public Weighted {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /**
     * A Kubernetes Service (with a port) or another TraefikService ({@code kind: TraefikService}, no port), and its
     * share of the sum of the weights.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WeightedService(String name, Integer port, Integer weight, String kind) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sticky(Cookie cookie) {
    }

    /** Traefik's sticky cookie: its value names the service chosen; {@code maxAge} in seconds. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cookie(String name, Boolean httpOnly, String sameSite, Integer maxAge) {
    }

    /** Every request goes to the main service, whose answer the client gets; {@code mirrors} get copies. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mirroring(String name, Integer port, String kind, List<MirrorService> mirrors) {

        public Mirroring {
            mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        }
    }

    /** A service that receives {@code percent} of the main service's requests as copies, answers discarded. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MirrorService(String name, Integer port, Integer percent) {
    }
}
