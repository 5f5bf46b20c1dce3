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
 * Scrapes every running replica, as Prometheus would: sample-app's {@code /metrics} for CPU and heap, a service's
 * {@code metricsPath} (when it has one) for heap, and the operating system for the resident memory of every
 * instance's process tree and a service's CPU; hands the samples (with the supervisor's restart counts) to the
 * telemetry.
 */
final class InstanceScraper {

    private final HttpClient http;
    private final Supplier<List<Replica>> replicas;
    private final RouterTelemetry telemetry;
    private final ProcessResources os = new ProcessResources();

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
            String path = r.version.sampleApp() ? "/metrics" : r.version.service().metricsPath();
            if (path == null) {
                pending.put(r, CompletableFuture.completedFuture(null));
                continue;
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            pending.put(r, http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::body).exceptionally(e -> null));
        }
        List<ResourceSample> samples = new ArrayList<>();
        Map<String, Boolean> readiness = new HashMap<>();
        pending.forEach((r, f) -> {
            String text = f.join();
            ProcessResources.Usage usage = os.of(r.pid());
            double cpu = !r.version.sampleApp() ? usage.cpuSeconds()
                    : text == null ? Double.NaN : PromText.sum(text, "process_cpu_seconds_total", null);
            double heap = text == null ? Double.NaN : PromText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"");
            samples.add(new ResourceSample(now, r.track, r.version.name(), r.id, cpu, heap, r.restarts(),
                    usage.residentBytes()));
            readiness.put(r.id, r.ready());
        });
        telemetry.scraped(samples, readiness);
    }
}
