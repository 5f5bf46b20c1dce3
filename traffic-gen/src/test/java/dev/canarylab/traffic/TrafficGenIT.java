package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canarylab.sample.SampleApp;
import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.mix.RequestMix;
import dev.canarylab.traffic.stats.Progress;
import dev.canarylab.traffic.stats.ProgressReporter;
import dev.canarylab.traffic.stats.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One steady 8-second run at 100 rps against a real sample-app that fails 5% of requests, started through the
 * Java API as a separate process; each test checks one thing a user relies on.
 */
class TrafficGenIT {

    private static final double RPS = 100;
    private static final long SEED = 3;

    @TempDir
    static Path dir;

    private static SampleApp app;
    private static RunningTraffic.Result result;
    private static Summary summary;
    private static ServerMetrics.Counts server;
    private static final List<Progress> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void steadyRunAgainstSampleApp() throws Exception {
        app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--error-rate", "0.05", "--seed", "1");
        TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + app.port())
                .rps(RPS)
                .duration(Duration.ofSeconds(8))
                .seed(SEED)
                .summary(dir.resolve("summary.json"))
                .reportDir(dir.resolve("reports"))
                .progress(Duration.ofSeconds(2), ProgressReporter.Format.TEXT)
                .build();
        result = TrafficGenerator.start(options, Processes.JAR, progress::add).await();
        summary = result.summary();
        server = ServerMetrics.scrape(app.managementPort());
    }

    @AfterAll
    static void stopSampleApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void runEndsWithExitZeroAndASummary() {
        assertThat(result.exitCode()).as("stderr: %s", result.messages()).isZero();
        assertThat(summary).isNotNull();
        assertThat(summary.exitCode()).isZero();
        assertThat(Path.of(dir.resolve("summary.json").toString())).isRegularFile();
    }

    @Test
    void achievedRateIsWithinThreePercentOfTheRequestedRate() {
        assertThat(summary.requestedRps()).isEqualTo(RPS);
        assertThat(summary.total().rps()).isCloseTo(RPS, within(RPS * 0.03));
        assertThat(summary.total().count()).isCloseTo(800L, within(24L));
    }

    @Test
    void summaryCountsMatchWhatTheServerCounted() {
        for (String path : List.of("/api/stories", "/api/color")) {
            var stats = summary.endpoints().get("GET " + path);
            assertThat(stats.count()).as(path).isEqualTo(server.requests().get(path));
            assertThat(stats.ko()).as(path).isEqualTo(server.failed().getOrDefault(path, 0L));
        }
        assertThat(server.requests().values().stream().mapToLong(Long::longValue).sum())
                .as("nothing else reached the server: no warm-up, no preflight request")
                .isEqualTo(summary.total().count());
        // sample-app's --error-rate 0.05, seen from the client side.
        assertThat(100.0 * summary.total().ko() / summary.total().count()).isBetween(2.0, 9.0);
        assertThat(summary.errors().keySet()).allMatch(kind -> kind.startsWith("HTTP 5"));
    }

    @Test
    void mixFollowsTheSeededWeights() {
        long count = summary.total().count();
        RequestMix mix = new RequestMix(List.of(Endpoint.parse("/api/stories@8"), Endpoint.parse("/api/color@2")), SEED);
        long expectedStories = LongStream.range(0, count).filter(i -> mix.pick(i) == 0).count();
        // The n-th arrival's endpoint depends only on the seed, so the split is exactly the seeded sequence's.
        assertThat(server.requests().get("/api/stories")).isEqualTo(expectedStories);
        assertThat(expectedStories / (double) count).isCloseTo(0.8, within(0.06));
    }

    @Test
    void progressLinesArriveWhileTheLoadRuns() {
        // Lines every 2 s of the run's clock; those at 2, 4 and 6 s cover stretches wholly inside the 8 s run.
        List<Progress> during = progress.stream().filter(p -> p.elapsedSeconds() > 0 && p.elapsedSeconds() < 7.5).toList();
        assertThat(during).extracting(p -> Math.round(p.elapsedSeconds())).containsExactly(2L, 4L, 6L);
        assertThat(during).allSatisfy(p -> {
            assertThat(p.targetRps()).isCloseTo(RPS, within(0.5));
            assertThat(p.totalSeconds()).isEqualTo(8.0);
        });
        // Each line is the rate over its own interval; together they account for the whole run.
        double meanRps = during.stream().mapToDouble(Progress::rps).average().orElse(0);
        assertThat(meanRps).isCloseTo(RPS, within(RPS * 0.1));
        assertThat(during.get(during.size() - 1).p95Ms()).isPositive();
    }

    @Test
    void gatlingHtmlReportIsWritten() {
        assertThat(summary.report()).isNotNull();
        assertThat(Path.of(summary.report())).isRegularFile().startsWith(dir.resolve("reports"));
        assertThat(Files.exists(Path.of(summary.report()).resolveSibling("js"))).isTrue();
    }
}
