package dev.canarylab.lab.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What the router and the instance scraper recorded, per track: the embedded metric source of the judge.
 * Windows are half-open, [from, to); memory is bounded, so a window older than the retention comes back short
 * (see {@link RequestWindow#complete()}).
 */
public interface Telemetry {

    /** Every request the router answered for {@code track} that completed in [from, to). */
    RequestWindow requests(Track track, Instant from, Instant to);

    /** Resource samples (one per instance per scrape) of {@code track} taken in [from, to). */
    List<ResourceSample> resources(Track track, Instant from, Instant to);
}
