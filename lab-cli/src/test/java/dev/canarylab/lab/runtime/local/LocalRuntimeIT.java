package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The local runtime in-process, with real sample-app children and real HTTP through the router. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v2: {color: green}
              v6: {color: orange, faults: {crash-after: 1500ms}}
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LocalRuntime rt;
    private String router;

    /** Which replica answered, and how. */
    record Answer(int status, String servedBy) {
        boolean from(String versionAndTrack) {
            return servedBy != null && servedBy.startsWith(versionAndTrack + "-");
        }
    }

    @BeforeAll
    void start() throws IOException {
        Path dir = Files.createTempDirectory("lab-it");
        Path catalog = Files.writeString(dir.resolve("lab.yaml"), CATALOG);
        Catalog c = CatalogLoader.load(catalog);
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        rt = LocalRuntime.start(c, new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1), log::add);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        router = rt.routerUrl();
    }

    @AfterAll
    void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    @BeforeEach
    void onlyStableRuns() {
        rt.rollback();
        rt.deploy("v1", Track.STABLE, 1);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
    }

    private Answer get(String path, String previewTrack) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(router + path)).timeout(Duration.ofSeconds(10));
        if (previewTrack != null) {
            b.header("X-Lab-Track", previewTrack);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("X-Lab-Served-By").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code n} GETs of /api/color, four at a time. */
    private List<Answer> send(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Answer>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(() -> get("/api/color", null)));
            }
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private void canary(String version, int weight) {
        rt.deploy(version, Track.CANARY, 1);
        rt.awaitReady(Track.CANARY, Duration.ofSeconds(60));
        rt.setWeight(weight);
    }

    @Test
    void weightsOfZeroTenFiftyAndHundredPercentAreHonouredWithinBinomialTolerance() throws Exception {
        canary("v2", 0);
        for (int weight : new int[] {0, 10, 50, 100}) {
            rt.setWeight(weight);
            int n = weight == 0 || weight == 100 ? 400 : 2000;
            List<Answer> answers = send(n);
            assertThat(answers).allMatch(a -> a.status() == 200);
            long canary = answers.stream().filter(a -> a.from("v2-canary")).count();
            long stable = answers.stream().filter(a -> a.from("v1-stable")).count();
            assertThat(canary + stable).isEqualTo(n);
            double p = weight / 100.0;
            // 4.5 standard deviations: a correct router fails this about once in 150,000 runs.
            double tolerance = 4.5 * Math.sqrt(n * p * (1 - p));
            assertThat((double) canary).as("canary answers at weight %d%% of %d", weight, n)
                    .isBetween(n * p - tolerance, n * p + tolerance);
        }
    }

    @Test
    void aBaselineGetsTheCanarysWeightAndStableTheRest() throws Exception {
        canary("v2", 25);
        rt.deploy("v1", Track.BASELINE, 1);
        rt.awaitReady(Track.BASELINE, Duration.ofSeconds(60));
        List<Answer> answers = send(2000);
        double tolerance = 4.5 * Math.sqrt(2000 * 0.25 * 0.75);
        assertThat((double) answers.stream().filter(a -> a.from("v2-canary")).count()).isBetween(500 - tolerance, 500 + tolerance);
        assertThat((double) answers.stream().filter(a -> a.from("v1-baseline")).count()).isBetween(500 - tolerance, 500 + tolerance);
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(50);
    }

    @Test
    void thePreviewHeaderReachesTheCanaryAtWeightZero() throws Exception {
        canary("v2", 0);
        for (int i = 0; i < 50; i++) {
            assertThat(get("/api/color", "canary").from("v2-canary")).isTrue();
        }
        assertThat(send(200)).allMatch(a -> a.from("v1-stable"));
        assertThat(get("/api/color", "baseline").status()).as("no baseline deployed: no fallback for a preview").isEqualTo(503);
        assertThat(get("/api/color", "production").status()).isEqualTo(400);
    }

    @Test
    void rollbackSendsEveryRequestToStableImmediately() throws Exception {
        canary("v2", 50);
        assertThat(send(100)).anyMatch(a -> a.from("v2-canary"));
        rt.rollback();
        List<Answer> after = send(300);
        assertThat(after).allMatch(a -> a.status() == 200 && a.from("v1-stable"));
        assertThat(rt.status().track(Track.CANARY)).isNull();
        assertThat(rt.status().weightOf(Track.STABLE)).isEqualTo(100);
    }

    @Test
    void promotionMakesTheCanaryStableWithAllTrafficAndDrainsTheOldVersionWithoutLosingARequest() throws Exception {
        canary("v2", 10);
        long oldPid = rt.status().track(Track.STABLE).instances().get(0).pid();
        ConcurrentLinkedQueue<Answer> during = new ConcurrentLinkedQueue<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            while (going.get()) {
                during.add(get("/api/color", null));
            }
        });
        sender.start();
        rt.promote();
        going.set(false);
        sender.join();
        assertThat(during).isNotEmpty().allMatch(a -> a.status() == 200);
        TrackStatus stable = rt.status().track(Track.STABLE);
        assertThat(stable.version()).isEqualTo("v2");
        assertThat(stable.ready()).isEqualTo(1);
        assertThat(rt.status().track(Track.CANARY)).isNull();
        assertThat(send(200)).allMatch(a -> a.status() == 200 && a.from("v2-stable"));
        ProcessHandle old = ProcessHandle.of(oldPid).orElse(null);
        assertThat(old == null || old.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS) != null).isTrue();
        assertThat(rt.status().track(Track.STABLE).replaced()).isEmpty();
    }

    @Test
    void aCrashLoopingCanaryShowsRestartsAndGetsNoTrafficWhileDown() throws Exception {
        rt.deploy("v6", Track.CANARY, 1);
        rt.setWeight(50);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int downChecks = 0;
        boolean sawCrashLoop = false;
        int restarts = 0;
        while (System.nanoTime() < deadline && (restarts < 2 || downChecks < 3 || !sawCrashLoop)) {
            InstanceStatus before = rt.status().track(Track.CANARY).instances().get(0);
            sawCrashLoop |= before.phase() == InstanceStatus.Phase.CRASH_LOOP;
            restarts = before.restarts();
            if (before.ready()) {
                Thread.sleep(50);
                continue;
            }
            List<Answer> answers = send(20);
            InstanceStatus after = rt.status().track(Track.CANARY).instances().get(0);
            if (!after.ready() && after.restarts() == before.restarts() && after.pid() == before.pid()) {
                assertThat(answers).as("while the canary is down, stable answers everything")
                        .allMatch(a -> a.status() == 200 && a.from("v1-stable"));
                downChecks++;
            }
        }
        TrackStatus canary = rt.status().track(Track.CANARY);
        assertThat(canary.restarts()).isGreaterThanOrEqualTo(2);
        assertThat(sawCrashLoop).as("shown as CrashLoopBackOff between restarts").isTrue();
        assertThat(downChecks).isGreaterThanOrEqualTo(3);
        assertThat(canary.instances().get(0).lastExit()).startsWith("exit 1 after ");
        assertThat(scrape()).contains("lab_router_fallbacks_total{track=\"canary\"}");
        assertThat(log).anyMatch(l -> l.contains("(CrashLoopBackOff)"));
    }

    @Test
    void killingAReplicaLosesNoGetBecauseTheRouterRetriesAnotherReadyOne() throws Exception {
        rt.deploy("v1", Track.STABLE, 2);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean going = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                while (going.get()) {
                    answers.add(get("/api/stories", null));
                }
            });
        }
        Thread.sleep(1000);
        InstanceStatus victim = rt.status().track(Track.STABLE).instances().get(0);
        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
        Thread.sleep(1500);
        going.set(false);
        pool.shutdown();
        pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answers).hasSizeGreaterThan(100);
        assertThat(answers).allMatch(a -> a.status() == 200, "every request answered 200");
        InstanceStatus restarted = rt.status().track(Track.STABLE).instances().stream()
                .filter(i -> i.id().equals(victim.id())).findFirst().orElseThrow();
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.lastExit()).startsWith("exit 137 after");
    }

    @Test
    void telemetryHasEveryProxiedRequestPerTrackAndTheInstancesResources() throws Exception {
        canary("v2", 50);
        Instant from = Instant.now();
        List<Answer> answers = send(400);
        Thread.sleep(2500); // at least one scrape of the canary
        Instant to = Instant.now();
        RequestWindow canary = rt.telemetry().requests(Track.CANARY, from, to);
        RequestWindow stable = rt.telemetry().requests(Track.STABLE, from, to);
        assertThat(canary.total()).isEqualTo(answers.stream().filter(a -> a.from("v2-canary")).count());
        assertThat(canary.total() + stable.total()).isEqualTo(400);
        assertThat(canary.versions()).containsExactly("v2");
        assertThat(canary.errors()).isZero();
        assertThat(java.util.Arrays.stream(canary.latenciesMs())).allMatch(ms -> ms > 0 && ms < 5000);
        assertThat(java.util.Arrays.stream(canary.bytes())).allMatch(b -> b > 20);
        List<ResourceSample> res = rt.telemetry().resources(Track.CANARY, from, to);
        assertThat(res).isNotEmpty().allMatch(s -> s.heapUsedBytes() > 1e6 && s.cpuSecondsTotal() > 0 && s.version().equals("v2"));
        assertThat(scrape()).contains("lab_router_requests_seconds_count{instance=\"v2-canary-");
    }

    /** Makes one replica exit with code 2 after it has served a request, as {@code crashExitCode: 2} does. */
    private void crashWithExitTwo(InstanceStatus i) throws Exception {
        String token = rt.instanceAdminToken().orElseThrow();
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + "/admin/faults"))
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"crashAfterRequests\": 1, \"crashExitCode\": 2}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        for (int n = 0; n < 3 && ProcessHandle.of(i.pid()).map(ProcessHandle::isAlive).orElse(false); n++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + "/api/color"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException expected) {
                // the request the process dies on
            }
        }
        ProcessHandle.of(i.pid()).ifPresent(p -> p.onExit().join());
    }

    private InstanceStatus instance(Track track, String id) {
        return rt.status().track(track).instances().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }

    /** Waits until the replica's process is gone and the supervisor has seen it (it has no pid). */
    private InstanceStatus awaitDown(Track track, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            InstanceStatus i = instance(track, id);
            if (i.pid() == 0) {
                return i;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(id + " did not go down: " + instance(track, id));
    }

    @Test
    void aReplicaThatExitsTwoAfterItWasReadyIsACrashAndIsRestarted() throws Exception {
        InstanceStatus before = rt.status().track(Track.STABLE).instances().get(0);
        crashWithExitTwo(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        InstanceStatus after = instance(Track.STABLE, before.id());
        while (System.nanoTime() < deadline && !(after.ready() && after.restarts() == 1)) {
            Thread.sleep(50);
            after = instance(Track.STABLE, before.id());
        }
        assertThat(after.restarts()).as("%s", after).isEqualTo(1);
        assertThat(after.ready()).isTrue();
        assertThat(after.phase()).isEqualTo(InstanceStatus.Phase.RUNNING);
        assertThat(after.pid()).isNotEqualTo(before.pid());
        assertThat(after.lastExit()).startsWith("exit 2 after ");
        assertThat(send(20)).allMatch(a -> a.status() == 200 && a.from("v1-stable"));
    }

    @Test
    void deployingTheRunningVersionAgainReplacesADeadStableReplicaAtOnce() throws Exception {
        InstanceStatus before = rt.status().track(Track.STABLE).instances().get(0);
        crashWithExitTwo(before);
        InstanceStatus dead = awaitDown(Track.STABLE, before.id());
        assertThat(dead.ready()).isFalse();
        rt.deploy("v1", Track.STABLE, 1); // lab deploy v1 --track stable
        TrackStatus stable = rt.status().track(Track.STABLE);
        assertThat(stable.instances()).extracting(InstanceStatus::id).doesNotContain(before.id()).hasSize(1);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        assertThat(rt.status().track(Track.STABLE).ready()).isEqualTo(1);
        assertThat(send(20)).allMatch(a -> a.status() == 200 && a.from("v1-stable"));
    }

    @Test
    void scalingDownRemovesTheDeadReplicaAndKeepsTheHealthyOne() throws Exception {
        rt.deploy("v1", Track.STABLE, 2);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        List<InstanceStatus> two = rt.status().track(Track.STABLE).instances();
        InstanceStatus victim = two.get(0);
        InstanceStatus healthy = two.get(1);
        crashWithExitTwo(victim);
        awaitDown(Track.STABLE, victim.id());
        rt.deploy("v1", Track.STABLE, 1);
        List<InstanceStatus> left = rt.status().track(Track.STABLE).instances();
        assertThat(left).extracting(InstanceStatus::id).containsExactly(healthy.id());
        assertThat(left.get(0).pid()).isEqualTo(healthy.pid());
        assertThat(left.get(0).ready()).isTrue();
        assertThat(send(20)).allMatch(a -> a.status() == 200 && a.servedBy().equals(healthy.id()));
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
