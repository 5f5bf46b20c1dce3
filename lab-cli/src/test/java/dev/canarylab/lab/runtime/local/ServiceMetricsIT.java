package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A service that is not a JVM and exports no metrics (Python's http.server) through the lab: the router's
 * telemetry and the operating system give every metric of the service config, and a good release (the same
 * server as canary) passes it, with no metric lacking data.
 */
class ServiceMetricsIT {

    @Test
    void aPythonServiceHasCpuAndMemoryAndPassesTheServiceConfigWithoutNodata() throws Exception {
        Path dir = Files.createTempDirectory("lab-service-it");
        Files.writeString(dir.resolve("index.html"), "hello\n");
        Catalog c = CatalogLoader.load(Files.writeString(dir.resolve("lab.yaml"), """
                stable: v1
                versions:
                  v1: {color: blue, command: [python3, -m, http.server, '${PORT}', --bind, 127.0.0.1], readiness: {path: /}}
                  v2: {color: green, command: [python3, -m, http.server, '${PORT}', --bind, 127.0.0.1], readiness: {path: /}}
                """));
        LocalRuntime rt = LocalRuntime.start(c, new LocalRuntime.Settings(Path.of("none.jar"), "127.0.0.1", 0, "96m", 7, 1)
                .withStateDir(dir.resolve("state")), line -> { });
        try {
            rt.awaitReady(Track.STABLE, Duration.ofSeconds(30));
            rt.deploy("v2", Track.CANARY, 1);
            rt.awaitReady(Track.CANARY, Duration.ofSeconds(30));
            rt.setWeight(50);
            Instant from = Instant.now();
            drive(rt.routerUrl() + "/index.html", Duration.ofSeconds(30));
            Instant to = Instant.now();

            List<ResourceSample> samples = rt.telemetry().resources(Track.CANARY, from, to);
            assertThat(samples).isNotEmpty().allSatisfy(s -> {
                assertThat(s.residentBytes()).as("resident memory of python").isGreaterThan(1 << 20);
                assertThat(s.cpuSecondsTotal()).as("CPU of python").isGreaterThan(0);
                assertThat(s.heapUsedBytes()).as("no heap: it exports none").isNaN();
            });

            EmbeddedSource source = new EmbeddedSource(rt.telemetry());
            Judge judge = new Judge(ConfigLoader.forServices());
            Map<String, TrackPair> data = new LinkedHashMap<>();
            for (MetricSpec m : judge.config().metrics()) {
                MetricData stable = source.read(m, Track.STABLE, from, to).data();
                MetricData canary = source.read(m, Track.CANARY, from, to).data();
                data.put(m.name(), new TrackPair(stable, canary));
            }
            Judgement j = judge.judge(data);
            assertThat(j.results()).extracting(MetricResult::metric)
                    .containsExactly("latency", "tail-latency", "errors", "payload-size", "cpu", "memory", "restarts");
            assertThat(j.noData()).as("no metric lacks data").isEmpty();
            assertThat(j.results()).noneMatch(r -> r.classification() == Classification.NODATA);
            assertThat(j.verdict()).as(j.reason()).isEqualTo(Verdict.PASS);

            // Why a service needs its own config: sample-app's default judges the JVM heap, which python has not.
            Judge sampleApp = new Judge(ConfigLoader.defaults());
            MetricSpec heap = sampleApp.config().metrics().stream().filter(m -> m.name().equals("heap")).findFirst()
                    .orElseThrow();
            MetricResult heapResult = sampleApp.judge(Map.of("heap", new TrackPair(
                    source.read(heap, Track.STABLE, from, to).data(), source.read(heap, Track.CANARY, from, to).data())))
                    .results().stream().filter(r -> r.metric().equals("heap")).findFirst().orElseThrow();
            assertThat(heapResult.classification()).isEqualTo(Classification.NODATA);
        } finally {
            rt.close();
        }
    }

    /** Four clients as fast as the server answers: enough requests per track for the latency's power. */
    private static void drive(String url, Duration d) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        Thread.sleep(d.toMillis());
        stop.set(true);
        for (Thread t : clients) {
            t.join(5000);
        }
    }
}
