package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.ResourceSample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Scrapes every running replica's {@code /metrics} for CPU and heap, as Prometheus would, and hands the samples
 * (with the supervisor's restart counts) to the telemetry.
 */
final class InstanceScraper {

    private final HttpClient http;
    private final Supplier<List<Replica>> replicas;
    private final RouterTelemetry telemetry;

    InstanceScraper(HttpClient http, Supplier<List<Replica>> replicas, RouterTelemetry telemetry) {
        this.http = http;
        this.replicas = replicas;
        this.telemetry = telemetry;
    }

    void scrapeAll() {
        Instant now = Instant.now();
        Map<Replica, CompletableFuture<String>> pending = new HashMap<>();
        for (Replica r : replicas.get()) {
            int port = r.port();
            if (port == 0) {
                continue;
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            pending.put(r, http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::body).exceptionally(e -> null));
        }
        List<ResourceSample> samples = new ArrayList<>();
        Map<String, Boolean> readiness = new HashMap<>();
        pending.forEach((r, f) -> {
            String text = f.join();
            double cpu = text == null ? Double.NaN : PromText.sum(text, "process_cpu_seconds_total", null);
            double heap = text == null ? Double.NaN : PromText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"");
            samples.add(new ResourceSample(now, r.track, r.version.name(), r.id, cpu, heap, r.restarts()));
            readiness.put(r.id, r.ready());
        });
        telemetry.scraped(samples, readiness);
    }
}
