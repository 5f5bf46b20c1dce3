package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.kube.traefik.IngressRoute;
import dev.canarylab.lab.runtime.kube.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Writes the lab's resources into its namespace with server-side apply, and deletes them. */
final class Applier {

    private static final String FIELD_MANAGER = "canary-lab";

    private final KubernetesClient client;
    private final String namespace;

    Applier(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void applyAll(List<? extends HasMetadata> resources) {
        resources.forEach(this::apply);
    }

    void apply(HasMetadata resource) {
        resource.getMetadata().setNamespace(namespace);
        client.resource(resource).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts()
                .serverSideApply();
    }

    void deleteTrack(Track track) {
        String name = Manifests.trackName(track);
        client.apps().deployments().inNamespace(namespace).withName(name).delete();
        client.services().inNamespace(namespace).withName(name).delete();
    }

    void deleteTraefikService(String name) {
        client.resources(TraefikService.class).inNamespace(namespace).withName(name).delete();
    }

    /** Kept when it exists: pods read it when they start, and a new value would give old and new pods different tokens. */
    void ensureAdminSecret() {
        if (client.secrets().inNamespace(namespace).withName(Manifests.ADMIN_SECRET).get() == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            apply(Manifests.adminSecret(HexFormat.of().formatHex(bytes)));
        }
    }

    /** Deletes everything labelled part-of canary-lab in the namespace (kube mode's {@code lab down}). */
    static void deleteLab(KubernetesClient client, String namespace) {
        String sel = Manifests.PART_OF;
        client.resources(IngressRoute.class).inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.resources(TraefikService.class).inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.apps().deployments().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.services().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.configMaps().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.secrets().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.rbac().roleBindings().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.rbac().roles().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
        client.serviceAccounts().inNamespace(namespace).withLabel(sel, Manifests.LAB).delete();
    }
}
