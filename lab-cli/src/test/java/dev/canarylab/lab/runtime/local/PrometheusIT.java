package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Look;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.grafana.Dashboards;
import dev.canarylab.lab.metrics.BothTracks;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.metrics.PrometheusSource;
import dev.canarylab.lab.report.JudgementText;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Track;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local runtime with {@code --prometheus}: a real Prometheus scrapes the router and real sample-app instances
 * (lab.yaml's v1, v2, v3), and the judge reads the same windows through Prometheus and through the embedded
 * telemetry. Generous timings: two shared cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration JUDGED = Duration.ofSeconds(45);
    // Per-step latency values need this rate to show "within 1.1x" in the judged window; at 60 requests/s the power guard
    // asked for about 3.5 more minutes.
    private static final int RATE_PER_SECOND = 200;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CanaryConfig config = ConfigLoader.defaults();
    private LocalRuntime rt;
    private URI prometheus;

    static Path prometheusBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "prometheus");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("prometheus is not installed (not on the PATH): these tests need the real server;"
                + " .ci/run installs Debian's prometheus package, or run: apt-get install prometheus");
    }

    @BeforeAll
    void start() throws Exception {
        Path bin = prometheusBinary();
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        rt = LocalRuntime.start(CatalogLoader.load(Path.of("../lab.yaml")),
                new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1), log::add);
        rt.startPrometheus(bin, Files.createTempDirectory("lab-prom-it"), Duration.ofSeconds(60));
        prometheus = rt.prometheusUrl();
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    @Order(1)
    void scrapesTheRouterAndEveryInstanceWithTrackVersionAndInstanceLabels() throws Exception {
        JsonNode up = poll("up == 1", r -> r.size() >= 2, Duration.ofSeconds(30));
        List<String> jobs = new ArrayList<>();
        up.forEach(s -> jobs.add(s.path("metric").path("job").asText() + " " + s.path("metric").path("track").asText()
                + " " + s.path("metric").path("version").asText() + " " + s.path("metric").path("instance").asText()));
        assertThat(jobs).anyMatch(j -> j.startsWith("router "));
        assertThat(jobs).anyMatch(j -> j.matches("sample-app stable v1 v1-stable-\\d+"));
        assertThat(rt.metricSource()).isInstanceOf(PrometheusSource.class);
    }

    @Test
    @Order(2)
    void theSlowReleaseFailsThroughPrometheusAsThroughTheEmbeddedTelemetry() throws Exception {
        Judgement[] j = scenario("v3");
        assertThat(j[0].verdict()).as(JudgementText.render(j[0])).isEqualTo(Verdict.FAIL);
        assertThat(j[1].verdict()).as(JudgementText.render(j[1])).isEqualTo(Verdict.FAIL);
        assertThat(j[0].results().get(0).classification().isFailure()).as("latency fails through Prometheus").isTrue();
        MetricResult tail = j[0].results().stream().filter(r -> r.metric().equals("tail-latency")).findFirst()
                .orElseThrow();
        assertThat(tail.classification().isFailure()).as("the p99 from the buckets: %s", tail.reason()).isTrue();
    }

    @Test
    @Order(3)
    void theHappyPathFindsNoRegressionThroughPrometheusNorThroughTheEmbeddedTelemetry() throws Exception {
        Judgement[] j = scenario("v2");
        // What the product promises for a release that is as good as the stable one is no wrong verdict: never
        // FAIL or MARGINAL, and no metric classed as a regression. Through Prometheus the latency test compares one
        // value per 2 s step (22 a track in 45 s); on a loaded machine the noise between steps can leave it short
        // of power ("could only detect 1.16x" against the allowed 1.1x), which is an honest INCONCLUSIVE.
        assertNoWrongVerdictForAGoodRelease(j[0], "through Prometheus");
        // The embedded telemetry judges the router's requests (thousands a track) and has the power to pass.
        assertNoWrongVerdictForAGoodRelease(j[1], "through the embedded telemetry");
        assertThat(j[1].verdict()).as("through the embedded telemetry: %s", JudgementText.render(j[1]))
                .isEqualTo(Verdict.PASS);
    }

    /** PASS, or INCONCLUSIVE only because some metric lacked the power to tell; never a failing metric. */
    static void assertNoWrongVerdictForAGoodRelease(Judgement j, String where) {
        String text = where + ": " + JudgementText.render(j);
        assertThat(j.verdict()).as(text).isIn(Verdict.PASS, Verdict.INCONCLUSIVE);
        assertThat(j.results()).as(text).noneMatch(r -> r.classification().isFailure());
        if (j.verdict() == Verdict.INCONCLUSIVE) {
            assertThat(j.results()).as(text).anyMatch(r -> r.classification() == Classification.INCONCLUSIVE
                    && r.reason().contains("could only detect"));
        }
    }

    @Test
    @Order(4)
    void everyDashboardQueryReturnsDataWhileTrafficFlows() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = traffic(running);
        try {
            Thread.sleep(8000);
            List<String> problems = new ArrayList<>();
            for (Dashboards.Expr e : Dashboards.expressions()) {
                JsonNode body = query(e.promql());
                if (!"success".equals(body.path("status").asText())) {
                    problems.add(e.where() + ": " + body.path("error").asText() + " in " + e.promql());
                } else if (body.path("data").path("result").isEmpty()) {
                    problems.add(e.where() + ": empty result for " + e.promql());
                }
            }
            assertThat(problems).isEmpty();
        } finally {
            running.set(false);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(5)
    void theRoutersAndAnInstancesMetricsPassPromtool() throws Exception {
        Path promtool = prometheusBinary().resolveSibling("promtool");
        assertThat(promtool).as("promtool comes with Debian's prometheus package").isExecutable();
        int instancePort = rt.status().track(Track.STABLE).instances().get(0).port();
        for (String url : List.of(rt.routerUrl() + "/metrics", "http://127.0.0.1:" + instancePort + "/metrics")) {
            String text = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(text).contains("# TYPE");
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            check.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            check.getOutputStream().close();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(url + ": " + out).isZero();
            assertThat(out).as(url).isBlank();
        }
    }

    @Test
    @Order(6)
    void aStoppedPrometheusIsAnErrorVerdictWithTheQueryNotAPass() {
        PrometheusServer server = rt.prometheusServer();
        List<ProcessHandle> processes = server.processes();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(2);
        server.close();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(server.directory()).doesNotExist();

        Instant to = Instant.now();
        Judgement j = new Judge(config).judge(BothTracks.read(rt.metricSource(), config, to.minusSeconds(60), to),
                Look.single(config.confidence()), 60.0);
        assertThat(j.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(j.reason()).startsWith("7 of 7 metrics could not be judged: latency: Prometheus at " + prometheus
                + " did not answer (connection refused) after 1 attempt (3 for the first unanswered query); query:"
                + " 1000 * sum(rate(")
                .contains("track=\"canary\"");
    }

    /** Baseline v1 and canary {@code version}, fresh, 45% each; judged through Prometheus [0] and embedded [1]. */
    private Judgement[] scenario(String version) throws Exception {
        rt.deploy("v1", Track.BASELINE, 0);
        rt.deploy("v1", Track.BASELINE, 1);
        rt.deploy(version, Track.CANARY, 1);
        rt.awaitReady(Track.BASELINE, Duration.ofSeconds(90));
        rt.awaitReady(Track.CANARY, Duration.ofSeconds(90));
        rt.setWeight(45);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = traffic(running);
        Instant from;
        Instant to;
        try {
            Thread.sleep(WARM_UP.toMillis());
            from = Instant.now();
            Thread.sleep(JUDGED.toMillis());
            to = Instant.now();
        } finally {
            running.set(false);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
        Thread.sleep(3000); // the last scrapes of the window
        MetricSource prom = rt.metricSource();
        MetricSource embedded = new EmbeddedSource(rt.telemetry());
        Judgement[] out = new Judgement[2];
        int i = 0;
        for (MetricSource s : List.of(prom, embedded)) {
            out[i++] = new Judge(config).judge(BothTracks.read(s, config, from, to), Look.single(config.confidence()),
                    (double) JUDGED.toSeconds());
        }
        assertThat(prom.read(config.metric("latency").orElseThrow(), Track.CANARY, from, to).note())
                .contains("per-step values, not requests");
        rt.rollback();
        return out;
    }

    /** An open-model load on the router: RATE_PER_SECOND requests a second, 4 stories for 1 colour. */
    private ExecutorService traffic(AtomicBoolean running) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long periodNanos = 1_000_000_000L / RATE_PER_SECOND;
        pool.execute(() -> {
            long next = System.nanoTime();
            for (int n = 0; running.get(); n++) {
                String path = n % 5 == 4 ? "/api/color" : "/api/stories";
                pool.execute(() -> {
                    try {
                        http.send(HttpRequest.newBuilder(URI.create(rt.routerUrl() + path))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // counted by the router as it saw it
                    }
                });
                next += periodNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        return pool;
    }

    private JsonNode query(String promql) throws Exception {
        URI uri = URI.create(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body);
    }

    private JsonNode poll(String promql, java.util.function.Predicate<JsonNode> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result;
        do {
            result = query(promql).path("data").path("result");
            if (done.test(result)) {
                return result;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return result;
    }
}
