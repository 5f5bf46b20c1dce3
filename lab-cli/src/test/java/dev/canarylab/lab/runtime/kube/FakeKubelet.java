package dev.canarylab.lab.runtime.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the mock server lacks: the Deployment controller and the kubelet. Each Deployment of the namespace gets
 * ready pods of its template's version (old versions' pods are removed) and a rolled-out status, on a watch.
 */
final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<Deployment> informer;
    private volatile boolean paused;

    FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                reconcile(d);
            }

            @Override
            public void onUpdate(Deployment old, Deployment d) {
                reconcile(d);
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
                client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels()).delete();
            }
        });
    }

    /** While paused, Deployments are left as they are: a rollout that never finishes. */
    void pause(boolean paused) {
        this.paused = paused;
    }

    private synchronized void reconcile(Deployment d) {
        if (paused) {
            return;
        }
        try {
            converge(d);
        } catch (KubernetesClientException | IllegalStateException e) {
            // the Deployment was deleted or the test ended meanwhile: the next event, if any, converges
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
                || !Objects.equals(d.getStatus().getReplicas(), want)) {
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
        informer.close();
    }
}
