package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.InstanceStatus;
import java.util.ArrayList;
import java.util.List;

/** The replicas of one version on one track. */
record Deployment(VersionSpec version, List<Replica> replicas) {

    long ready() {
        return replicas.stream().filter(Replica::ready).count();
    }

    /** The replicas that take traffic: ready, with a port. */
    List<Endpoint> endpoints() {
        List<Endpoint> eps = new ArrayList<>();
        for (Replica r : replicas) {
            int port = r.port();
            if (r.ready() && port != 0) {
                eps.add(new Endpoint(r.track, r.version.name(), r.id, port));
            }
        }
        return eps;
    }

    List<InstanceStatus> statuses() {
        return replicas.stream().map(Replica::status).toList();
    }
}
