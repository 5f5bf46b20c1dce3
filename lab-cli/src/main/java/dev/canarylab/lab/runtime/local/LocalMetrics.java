package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.metrics.PrometheusSource;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the local lab's metrics come from: the router's telemetry, fed by scraping every instance, or a
 * Prometheus (the lab's own, whose targets follow the instances, or an existing one).
 */
final class LocalMetrics {

    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(2);

    private final RouterTelemetry telemetry;
    private final Supplier<List<Replica>> replicas;
    private final Function<Track, String> versionOn;
    private volatile PrometheusServer prometheus;
    private volatile URI prometheusUrl;

    LocalMetrics(RouterTelemetry telemetry, Supplier<List<Replica>> replicas, Function<Track, String> versionOn) {
        this.telemetry = telemetry;
        this.replicas = replicas;
        this.versionOn = versionOn;
    }

    void startScraping(Supervisor supervisor, Consumer<String> log) {
        InstanceScraper scraper = new InstanceScraper(supervisor.http, replicas, telemetry);
        supervisor.scheduler.scheduleWithFixedDelay(() -> {
            try {
                updateTargets();
                scraper.scrapeAll();
            } catch (RuntimeException e) {
                log.accept("scrape failed: " + e);
            }
        }, SCRAPE_EVERY.toMillis(), SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void startPrometheus(Path binary, Path workDir, int routerPort, Duration timeout, Consumer<String> log) {
        PrometheusServer server = PrometheusServer.start(binary, workDir, routerPort, ProcessHandle.current().pid(),
                timeout, log);
        prometheus = server;
        prometheusUrl = server.url();
        updateTargets();
    }

    void usePrometheus(URI url) {
        prometheusUrl = url;
    }

    PrometheusServer prometheusServer() {
        return prometheus;
    }

    URI prometheusUrl() {
        return prometheusUrl;
    }

    MetricSource source() {
        URI url = prometheusUrl;
        return url == null ? new EmbeddedSource(telemetry)
                : new PrometheusSource(PrometheusSource.Settings.local(url), versionOn);
    }

    /**
     * Every instance with a port and metrics, as Prometheus targets (ports change when an instance restarts); a
     * service without metricsPath exports nothing to scrape.
     */
    void updateTargets() {
        PrometheusServer server = prometheus;
        if (server == null) {
            return;
        }
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (Replica r : replicas.get()) {
            int port = r.port();
            if (port != 0 && (r.version.sampleApp() || r.version.service().metricsPath() != null)) {
                targets.add(new PrometheusServer.Target(port, r.track.label(), r.version.name(), r.id));
            }
        }
        server.targets(targets);
    }

    /** Stops the lab's own Prometheus; says whether there was one. */
    boolean close() {
        PrometheusServer server = prometheus;
        if (server != null) {
            server.close();
        }
        return server != null;
    }
}
