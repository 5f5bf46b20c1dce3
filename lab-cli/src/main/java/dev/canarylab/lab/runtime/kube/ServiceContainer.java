package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.catalog.Readiness;
import dev.canarylab.lab.catalog.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/**
 * Turns a track's sample-app Deployment into one running a service of one's own ({@code image:} and {@code port:}
 * in the catalogue): the same names, labels, selector and surge-first strategy, so routing and status work
 * unchanged; the container is the service's, its port named {@code http} (which the track Services target), its
 * readiness the catalogue's check, and a startup probe that gives it {@code startTimeout}. What was sample-app's
 * goes: its variables and admin token, its liveness path, its management port, its user and read-only root (the
 * image decides), its memory limit.
 */
final class ServiceContainer {

    static final int PERIOD_SECONDS = 2;

    private ServiceContainer() {
    }

    static Deployment apply(Deployment d, ServiceSpec spec) {
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        pod.setSecurityContext(null);
        Container c = pod.getContainers().get(0);
        c.setName("service");
        c.setImage(spec.image());
        c.setArgs(List.of());
        c.setEnv(List.of());
        c.setPorts(List.of(new ContainerPortBuilder().withName("http").withContainerPort(spec.port()).build()));
        c.setReadinessProbe(probe(spec.readiness(), 3, 0));
        long seconds = Math.max(1, spec.startTimeout().toSeconds());
        c.setStartupProbe(probe(spec.readiness(), (int) Math.max(1, (seconds + PERIOD_SECONDS - 1) / PERIOD_SECONDS), 0));
        c.setLivenessProbe(null);
        c.setSecurityContext(null);
        c.setVolumeMounts(List.of());
        pod.setVolumes(List.of());
        if (c.getResources() != null) {
            c.getResources().setLimits(null);
        }
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        if (spec.metricsPath() != null) {
            annotations.put("prometheus.io/scrape", "true");
            annotations.put("prometheus.io/port", Integer.toString(spec.port()));
            annotations.put("prometheus.io/path", spec.metricsPath());
        } else {
            annotations.put("prometheus.io/scrape", "false");
            annotations.remove("prometheus.io/port");
            annotations.remove("prometheus.io/path");
        }
        return d;
    }

    private static Probe probe(Readiness readiness, int failureThreshold, int initialDelay) {
        ProbeBuilder b = new ProbeBuilder().withPeriodSeconds(PERIOD_SECONDS).withFailureThreshold(failureThreshold)
                .withInitialDelaySeconds(initialDelay);
        if (readiness instanceof Readiness.Http h) {
            // A Kubernetes HTTP probe takes any status from 200 to 399 as success: the expected status is the
            // local runtime's stricter check; here it is the path that counts.
            return b.withNewHttpGet().withPath(h.path()).withPort(new IntOrString("http")).endHttpGet().build();
        }
        return b.withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket().build();
    }
}
