package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTelemetryTest {

    private static final long MS = 1_000_000;

    @Test
    void aWindowHoldsEveryLatencyAndCountsFiveHundredsAsErrorsPerTrack() {
        RouterTelemetry t = new RouterTelemetry(1024);
        Instant from = Instant.now().minusSeconds(1);
        t.record(Track.CANARY, "v3", "v3-canary-1", 200, 12 * MS, 4000);
        t.record(Track.CANARY, "v3", "v3-canary-1", 500, 3 * MS, 20);
        t.record(Track.CANARY, "v3", "v3-canary-1", 404, 1 * MS, 10);
        t.record(Track.STABLE, "v1", "v1-stable-1", 200, 2 * MS, 4000);
        RequestWindow w = t.requests(Track.CANARY, from, Instant.now().plusSeconds(1));
        assertThat(w.latenciesMs()).containsExactly(12.0, 3.0, 1.0);
        assertThat(w.bytes()).containsExactly(4000, 20, 10);
        assertThat(w.errors()).as("a 404 is the client's mistake, not an error of the version").isEqualTo(1);
        assertThat(w.versions()).containsExactly("v3");
        assertThat(w.complete()).isTrue();
        assertThat(t.requests(Track.STABLE, from, Instant.now().plusSeconds(1)).total()).isEqualTo(1);
        assertThat(t.requests(Track.CANARY, Instant.now().plusSeconds(5), Instant.now().plusSeconds(9)).total()).isZero();
    }

    @Test
    void memoryIsBoundedAndAWindowOlderThanTheRingSaysItIsIncomplete() {
        RouterTelemetry t = new RouterTelemetry(100);
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 250; i++) {
            t.record(Track.STABLE, "v1", "v1-stable-1", 200, i * MS, 1);
        }
        RequestWindow w = t.requests(Track.STABLE, from, Instant.now().plusSeconds(1));
        assertThat(w.total()).isEqualTo(100);
        assertThat(w.latenciesMs()[0]).as("the oldest kept is request 150").isEqualTo(150.0);
        assertThat(w.complete()).isFalse();
    }

    @Test
    void prometheusShowsRequestsPerTrackVersionInstanceAndStatusAndTheScrapedInstances() {
        RouterTelemetry t = new RouterTelemetry(16);
        t.record(Track.CANARY, "v4", "v4-canary-2", 500, 7 * MS, 20);
        t.retried(Track.STABLE);
        t.scraped(List.of(new ResourceSample(Instant.now(), Track.CANARY, "v4", "v4-canary-2", 1.5, 3.0e7, 2)),
                Map.of("v4-canary-2", true));
        String text = t.scrape();
        assertThat(text).contains("lab_router_requests_seconds_count{instance=\"v4-canary-2\",mirrored=\"false\",status=\"500\",track=\"canary\",version=\"v4\"} 1");
        assertThat(text).contains("lab_router_requests_seconds_bucket{instance=\"v4-canary-2\",mirrored=\"false\",status=\"500\",track=\"canary\",version=\"v4\",le=\"0.01\"} 1");
        assertThat(text).contains("lab_router_retries_total{track=\"stable\"} 1.0");
        assertThat(text).contains("lab_instance_restarts{instance=\"v4-canary-2\",track=\"canary\",version=\"v4\"} 2.0");
        assertThat(text).contains("lab_instance_heap_used_bytes{instance=\"v4-canary-2\",track=\"canary\",version=\"v4\"} 3.0E7");
        assertThat(t.resources(Track.CANARY, Instant.now().minusSeconds(5), Instant.now().plusSeconds(1))).hasSize(1);
    }

    @Test
    void repeatedScrapesOfTheSameInstancesKeepMetricsReadable() throws Exception {
        RouterTelemetry t = new RouterTelemetry(16);
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 2_000; i++) {
                t.scrape();
            }
        });
        reader.start();
        for (int i = 0; i < 500; i++) {
            t.scraped(List.of(
                    new ResourceSample(Instant.now(), Track.STABLE, "v1", "v1-stable-1", i, 1.0e7, i % 3),
                    new ResourceSample(Instant.now(), Track.CANARY, "v6", "v6-canary-2", i, 2.0e7, i)),
                    Map.of("v1-stable-1", true, "v6-canary-2", i % 2 == 0));
            t.scrape();
        }
        reader.join();
        String text = t.scrape();
        assertThat(text).contains("lab_instance_restarts{instance=\"v6-canary-2\",track=\"canary\",version=\"v6\"} 499.0");
        assertThat(text).contains("lab_instance_ready{instance=\"v6-canary-2\",track=\"canary\",version=\"v6\"} 0.0");
        ResourceSample twice = new ResourceSample(Instant.now(), Track.STABLE, "v1", "v1-stable-1", 1, 1.0e7, 0);
        t.scraped(List.of(twice, twice), Map.of());
        t.scraped(List.of(twice, twice), Map.of());
        assertThat(t.scrape()).as("a replica gone since the last scrape vanishes").doesNotContain("v6-canary-2\",track");
    }
}
