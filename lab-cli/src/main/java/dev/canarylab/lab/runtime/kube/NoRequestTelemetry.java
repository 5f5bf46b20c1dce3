package dev.canarylab.lab.runtime.kube;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The router's request records exist only in the local runtime; in a cluster the judge reads Prometheus. */
final class NoRequestTelemetry implements Telemetry {

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to) {
        return new RequestWindow(track, from, to, new double[0], new long[0], 0, Set.of(), false);
    }

    @Override
    public List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return List.of();
    }
}
