package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.LocalRuntime;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The built-in dark-launch strategy on the local runtime: v4, which answers 5% of its requests with a 500, gets
 * copies of half of v1's requests, is judged on them and rolled back before its first weight, while the clients,
 * who only ever got v1's answers, see no error at all.
 */
class DarkLaunchIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v4: {color: red, faults: {error-rate: 0.05}}
            """;

    /** Clients: 40 GETs a second, four /api/stories to one /api/color, counting what they got back. */
    private static final class Clients implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final List<String> errors = new ArrayList<>();
        private final Set<String> servedBy = ConcurrentHashMap.newKeySet();

        Clients(String router) {
            timer.scheduleAtFixedRate(() -> {
                String path = sent.getAndIncrement() % 5 == 2 ? "/api/color" : "/api/stories";
                http.sendAsync(HttpRequest.newBuilder(URI.create(router + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                            if (e != null) {
                                error(path + ": " + e);
                                return;
                            }
                            answered.incrementAndGet();
                            r.headers().firstValue("X-Lab-Served-By").ifPresent(servedBy::add);
                            if (r.statusCode() >= 500) {
                                error(path + ": HTTP " + r.statusCode());
                            }
                        });
            }, 0, 25, TimeUnit.MILLISECONDS);
        }

        private synchronized void error(String what) {
            errors.add(what);
        }

        synchronized List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(1000); // the last answers
        }
    }

    @Test
    void aDarkLaunchOfAVersionWithErrorsIsRolledBackOnMirroredCopiesWithNoErrorSeenByClients() throws Exception {
        Path dir = Files.createTempDirectory("lab-dark");
        Path catalog = Files.writeString(dir.resolve("lab.yaml"), CATALOG);
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        try (LocalRuntime rt = LocalRuntime.start(CatalogLoader.load(catalog),
                new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1), line -> { })) {
            rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
            Set<String> stableInstances = ConcurrentHashMap.newKeySet();
            rt.status().track(Track.STABLE).instances().forEach(i -> stableInstances.add(i.id()));
            Strategy strategy = StrategyLoader.load("dark-launch").scaled(Pace.CI.timeFactor());
            Rollouts.Recorder recorder = new Rollouts.Recorder();
            Instant started = Instant.now();
            RolloutRecord r;
            Clients clients = new Clients(rt.status().routerUrl());
            try (clients) {
                Thread.sleep(2000); // stable warm before the rollout, as in a demo
                r = new Rollout(rt, rt.metricSource(), ConfigLoader.defaults(), strategy,
                        new Rollout.Settings("dark-launch: v1 -> v4", Duration.ofSeconds(90), false), recorder)
                        .run("v4");
            }
            Instant ended = Instant.now();

            assertThat(r.outcome()).as(r.sentence()).isEqualTo(RolloutOutcome.ROLLED_BACK);
            assertThat(r.analyses()).as("judged once, on the mirrored copies")
                    .singleElement().satisfies(a -> assertThat(a.verdict()).isEqualTo(Verdict.FAIL));
            assertThat(r.sentence()).contains("error");
            assertThat(recorder.events).noneMatch(e -> e.type() == EventType.WEIGHT);
            assertThat(recorder.events).anyMatch(e -> e.message().startsWith("v4 gets a copy of 50% of v1's requests"));

            Telemetry t = rt.telemetry();
            RequestWindow copies = t.requests(Track.CANARY, started, ended, Telemetry.Origin.MIRROR);
            RequestWindow toClients = t.requests(Track.CANARY, started, ended, Telemetry.Origin.CLIENT);
            assertThat(copies.total()).as("copies v4 answered").isPositive();
            assertThat(copies.errors()).as("v4's errors, on copies").isPositive();
            assertThat(toClients.total()).as("client requests v4 answered").isZero();

            assertThat(clients.answered.get()).as("answers clients got").isGreaterThan(50);
            assertThat(clients.errors()).as("errors clients saw").isEmpty();
            assertThat(clients.servedBy).as("instances that answered clients").isNotEmpty()
                    .allMatch(stableInstances::contains);

            Routing routing = rt.status().routing();
            assertThat(routing.mirror().on()).isFalse();
            assertThat(routing.rules()).isEmpty();
            assertThat(rt.status().track(Track.CANARY)).isNull();
        }
    }
}
