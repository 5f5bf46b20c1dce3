package dev.canarylab.lab.runtime.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The loopback port-forwards to the router, Prometheus and Grafana; without them (tests), the in-cluster
 * addresses.
 */
final class Forwards {

    private final String namespace;
    private final String routerService;
    private final boolean traefik;
    private final List<Forward> open = new ArrayList<>();
    private String routerUrl;
    private String prometheusUrl;
    private String grafanaUrl;

    /** {@code routerService} is the Traefik Service as namespace/name, used when {@code traefik}. */
    Forwards(String namespace, String routerService, boolean traefik) {
        this.namespace = namespace;
        this.routerService = routerService;
        this.traefik = traefik;
    }

    void open(KubernetesClient client, Consumer<String> log) {
        String[] router = traefik ? routerService.split("/", 2) : new String[] {namespace, Manifests.APP};
        Forward r = Forward.open(client, router[0], router[1], "web", log);
        Forward p = Forward.open(client, namespace, "prometheus", "http", log);
        Forward g = Forward.open(client, namespace, "grafana", "http", log);
        open.addAll(List.of(r, p, g));
        routerUrl = r.url();
        prometheusUrl = p.url();
        grafanaUrl = g.url();
        log.accept("port-forwards (like kubectl port-forward): router " + routerUrl + " -> " + router[0] + "/" + router[1]
                + ", Prometheus " + prometheusUrl + ", Grafana " + grafanaUrl + " (admin / admin; anonymous viewers)");
    }

    String routerUrl() {
        if (routerUrl != null) {
            return routerUrl;
        }
        return traefik ? "http://" + routerService.replace("/", ".") + ".svc"
                : "http://" + Manifests.APP + "." + namespace + ".svc:" + Manifests.PORT;
    }

    String prometheusUrl() {
        return prometheusUrl != null ? prometheusUrl : "http://prometheus." + namespace + ".svc:9090";
    }

    String grafanaUrl() {
        return grafanaUrl != null ? grafanaUrl : "http://grafana." + namespace + ".svc:3000";
    }

    void close() {
        open.forEach(Forward::close);
    }
}
