package dev.canarylab.lab.runtime.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the mock server lacks: the Deployment controller and the kubelet. Each Deployment of the namespace gets
 * ready pods of its template's version (old versions' pods are removed) and a rolled-out status; pods of a track
 * whose Deployment is gone are removed. It polls every 50 ms instead of watching: a watch the mock server drops
 * would leave a rollout unfinished for as long as the informer's back-off, and the test would fail for that.
 */
final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-kubelet");
        t.setDaemon(true);
        return t;
    });
    private boolean paused;

    FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        loop.scheduleWithFixedDelay(this::reconcile, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** While paused, Deployments are left as they are: a rollout that never finishes. Waits for a round in progress. */
    synchronized void pause(boolean paused) {
        this.paused = paused;
    }

    private synchronized void reconcile() {
        if (paused) {
            return;
        }
        try {
            List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
            for (Deployment d : deployments) {
                converge(d);
            }
            Set<Map<String, String>> selectors = deployments.stream().map(d -> d.getSpec().getSelector().getMatchLabels())
                    .collect(Collectors.toSet());
            for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
                Map<String, String> labels = p.getMetadata().getLabels();
                if (selectors.stream().noneMatch(sel -> labels.entrySet().containsAll(sel.entrySet()))) {
                    client.resource(p).delete();
                }
            }
        } catch (KubernetesClientException | IllegalStateException e) {
            // a Deployment was deleted meanwhile, or the test ended: the next round converges
        }
    }

    private void converge(Deployment d) {
        Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
        Map<String, String> template = d.getSpec().getTemplate().getMetadata().getLabels();
        int want = d.getSpec().getReplicas();
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
        for (Pod p : pods) {
            if (!Objects.equals(p.getMetadata().getLabels().get("version"), template.get("version"))
                    || index(p) >= want) {
                client.resource(p).delete();
            }
        }
        for (int i = 0; i < want; i++) {
            String name = d.getMetadata().getName() + "-" + template.get("version") + "-" + i;
            if (client.pods().inNamespace(namespace).withName(name).get() == null) {
                client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(template).addToAnnotations("index", Integer.toString(i)).endMetadata()
                        .withNewStatus().withPhase("Running").withStartTime("2026-01-01T10:00:00Z")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .withContainerStatuses(new ContainerStatusBuilder().withName("sample-app").withRestartCount(0)
                                .withNewState().withNewRunning().endRunning().endState().build())
                        .endStatus().build()).create();
            }
        }
        if (d.getStatus() == null || !Objects.equals(d.getStatus().getReadyReplicas(), want)
                || !Objects.equals(d.getStatus().getReplicas(), want)
                || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
            for (int attempt = 0; ; attempt++) {
                try {
                    client.apps().deployments().inNamespace(namespace).withName(d.getMetadata().getName()).editStatus(x -> {
                        x.setStatus(new DeploymentStatusBuilder().withReplicas(want).withReadyReplicas(want)
                                .withUpdatedReplicas(want).withAvailableReplicas(want)
                                .withObservedGeneration(x.getMetadata().getGeneration()).build());
                        return x;
                    });
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt == 5) {
                        throw e;
                    }
                }
            }
        }
    }

    private static int index(Pod p) {
        return Integer.parseInt(p.getMetadata().getAnnotations().getOrDefault("index", "0"));
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
