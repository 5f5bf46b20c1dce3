package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads what runs from the cluster: each track's Deployment and pods, and whether a Deployment has rolled out. */
final class KubeStatus {

    private final KubernetesClient client;
    private final String namespace;
    private final Catalog catalog;

    KubeStatus(KubernetesClient client, String namespace, Catalog catalog) {
        this.client = client;
        this.namespace = namespace;
        this.catalog = catalog;
    }

    /** Each track with a Deployment; pods of another version on the track are the replaced ones. */
    List<TrackStatus> tracks() {
        List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).withLabel("app", Manifests.APP)
                .list().getItems();
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", Manifests.APP).list().getItems();
        List<TrackStatus> tracks = new ArrayList<>();
        for (Track track : Track.values()) {
            Deployment d = deployments.stream().filter(x -> x.getMetadata().getName().equals(Manifests.trackName(track)))
                    .findFirst().orElse(null);
            if (d == null) {
                continue;
            }
            String version = d.getMetadata().getLabels().getOrDefault("version", "?");
            List<InstanceStatus> current = new ArrayList<>();
            List<InstanceStatus> replaced = new ArrayList<>();
            for (Pod p : pods) {
                Map<String, String> labels = p.getMetadata().getLabels();
                if (track.label().equals(labels.get("track"))) {
                    (version.equals(labels.get("version")) ? current : replaced).add(PodStatus.of(p));
                }
            }
            VersionSpec spec = catalog.versions().get(version);
            tracks.add(new TrackStatus(track, version, spec == null ? "" : spec.color(), n(d.getSpec().getReplicas()),
                    current, replaced));
        }
        return tracks;
    }

    /**
     * Waits, on a watch, until {@code track}'s Deployment has rolled out (as {@code kubectl rollout status});
     * throws fabric8's timeout exception when it has not within {@code timeout}.
     */
    void awaitRolledOut(Track track, Duration timeout) {
        client.apps().deployments().inNamespace(namespace).withName(Manifests.trackName(track))
                .waitUntilCondition(KubeStatus::rolledOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every replica updated and ready, no old one left, and the latest spec observed. */
    static boolean rolledOut(Deployment d) {
        if (d == null || d.getStatus() == null || d.getSpec().getReplicas() == null) {
            return false;
        }
        var s = d.getStatus();
        int want = d.getSpec().getReplicas();
        Long generation = d.getMetadata().getGeneration();
        boolean observed = generation == null || (s.getObservedGeneration() != null && s.getObservedGeneration() >= generation);
        return observed && n(s.getUpdatedReplicas()) >= want && n(s.getReadyReplicas()) >= want && n(s.getReplicas()) <= want;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
