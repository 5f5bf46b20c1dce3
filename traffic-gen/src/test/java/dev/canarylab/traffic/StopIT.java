package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.canarylab.traffic.stats.Summary;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An until-stopped run driven through the Java API, as lab-cli drives it. */
class StopIT {

    @Test
    void sigtermStopsTheLoadAndTheSummaryIsStillWritten() throws Exception {
        Map<String, AtomicLong> canaryHeaders = new ConcurrentHashMap<>();
        AtomicLong served = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String header = String.valueOf(exchange.getRequestHeaders().getFirst("X-Canary"));
            canaryHeaders.computeIfAbsent(header, h -> new AtomicLong()).incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            served.incrementAndGet();
        });
        server.start();
        try {
            TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + server.getAddress().getPort())
                    .rps(40)
                    .untilStopped()
                    .header("X-Canary", "always")
                    .noReport()
                    .progress(Duration.ofSeconds(1), dev.canarylab.traffic.stats.ProgressReporter.Format.TEXT)
                    .build();
            RunningTraffic load = TrafficGenerator.start(options, Processes.JAR);
            assertThat(load.awaitStarted(Duration.ofSeconds(60))).as("load started").isTrue();
            Thread.sleep(3_000);
            assertThat(load.latestProgress()).isPresent();
            assertThat(load.latestProgress().get().totalSeconds()).isNull();

            RunningTraffic.Result result = load.stop();

            assertThat(result.exitCode()).as("stderr: %s", result.messages()).isZero();
            Summary s = result.summary();
            assertThat(s).isNotNull();
            assertThat(s.stoppedEarly()).isTrue();
            // Timed from the first request, which goes out a moment after the load is reported started.
            assertThat(s.durationSeconds()).isBetween(2.0, 8.0);
            assertThat(s.total().rps()).isCloseTo(40.0, within(4.0));
            assertThat(s.total().count()).isEqualTo(s.total().ok()).isPositive();
            assertThat(load.isAlive()).isFalse();
            // Stopped: no request after the summary was taken.
            long after = served.get();
            Thread.sleep(500);
            assertThat(served.get()).isEqualTo(after);
            assertThat(canaryHeaders).containsOnlyKeys("always");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void stopIsPromptEvenWhenTheNextRequestIsSecondsAway() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + server.getAddress().getPort())
                    .rps(0.1)
                    .untilStopped()
                    .noReport()
                    .build();
            RunningTraffic load = TrafficGenerator.start(options, Processes.JAR);
            assertThat(load.awaitStarted(Duration.ofSeconds(60))).as("load started").isTrue();
            Thread.sleep(1_000);
            long before = System.nanoTime();
            RunningTraffic.Result result = load.stop();
            // At 0.1 rps the next request is 9 s away; the stop must not wait for it.
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(4));
            assertThat(result.exitCode()).as("stderr: %s", result.messages()).isZero();
            assertThat(result.summary().total().count()).isEqualTo(1);
            assertThat(result.summary().stoppedEarly()).isTrue();
        } finally {
            server.stop(0);
        }
    }
}
