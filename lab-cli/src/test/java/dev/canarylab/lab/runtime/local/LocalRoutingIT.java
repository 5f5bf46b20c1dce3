package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Telemetry.Origin;
import dev.canarylab.lab.runtime.Track;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Header and cookie routes, session affinity and mirroring on the local runtime, through real HTTP, with one lab
 * shared by every test (each starts from stable v1 alone). Binomial counts are checked within 4.5 standard
 * deviations: a correct router fails one of them about once in 150,000 runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRoutingIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v2: {color: green}
              v4: {color: red, faults: {error-rate: 0.05}}
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalRuntime rt;
    private String router;

    /** Which replica answered, how, and the affinity cookie it set. */
    record Answer(int status, String servedBy, String pin) {
        boolean from(String versionAndTrack) {
            return servedBy != null && servedBy.startsWith(versionAndTrack + "-");
        }
    }

    @BeforeAll
    void start() throws IOException {
        Path dir = Files.createTempDirectory("lab-routing-it");
        Path catalog = Files.writeString(dir.resolve("lab.yaml"), CATALOG);
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        rt = LocalRuntime.start(CatalogLoader.load(catalog), new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1),
                line -> { });
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
        rt.clearAffinity();
        rt.deploy("v1", Track.STABLE, 1); // after a promotion test, stable runs v2
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
    }

    private void canary(String version, int weight) {
        rt.deploy(version, Track.CANARY, 1);
        rt.awaitReady(Track.CANARY, Duration.ofSeconds(60));
        rt.setWeight(weight);
    }

    private Answer get(String header, String value, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(router + "/api/color")).timeout(Duration.ofSeconds(10));
        if (header != null) {
            b.header(header, value);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String pin = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Affinity.DEFAULT_COOKIE + "="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
            return new Answer(r.statusCode(), r.headers().firstValue("X-Lab-Served-By").orElse(null), pin);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code n} requests, four at a time; {@code request} makes the i-th. */
    private <T> List<T> parallel(int n, Function<Integer, T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> request.apply(k)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static void assertBinomial(long count, int n, double p, String what) {
        double tolerance = 4.5 * Math.sqrt(n * p * (1 - p));
        assertThat((double) count).as("%s: %d of %d, expected %.0f +- %.0f", what, count, n, n * p, tolerance)
                .isBetween(n * p - tolerance, n * p + tolerance);
    }

    @Test
    void headerAndCookieMatchingRequestsAllReachTheCanaryWhileTheOthersFollowTheWeights() throws Exception {
        canary("v2", 20);
        rt.setRoute(new RouteRule("beta", List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on")), Track.CANARY));
        rt.setRoute(new RouteRule("corp", List.of(RouteMatch.header("X-User", RouteMatch.Mode.REGEX, ".*@corp[.]example")),
                Track.CANARY));
        rt.setRoute(new RouteRule("pro", List.of(RouteMatch.cookie("plan", RouteMatch.Mode.PREFIX, "pro")), Track.CANARY));

        assertThat(parallel(200, i -> get("X-Beta", "on", null))).allMatch(a -> a.status() == 200 && a.from("v2-canary"));
        assertThat(parallel(100, i -> get("X-User", "u" + i + "@corp.example", null))).allMatch(a -> a.from("v2-canary"));
        assertThat(parallel(100, i -> get(null, null, "theme=dark; plan=pro-yearly"))).allMatch(a -> a.from("v2-canary"));

        int n = 1000;
        // Near misses of every rule follow the weights: another value, a longer host, no cookie prefix.
        List<Answer> others = parallel(n, i -> switch (i % 3) {
            case 0 -> get("X-Beta", "off", null);
            case 1 -> get("X-User", "u@corp.example.org", null);
            default -> get(null, null, "plan=basic");
        });
        assertThat(others).allMatch(a -> a.status() == 200);
        assertBinomial(others.stream().filter(a -> a.from("v2-canary")).count(), n, 0.20, "canary share of the others");
        assertThat(rt.status().routing().rules()).extracting(RouteRule::name).containsExactly("beta", "corp", "pro");
    }

    @Test
    void withAffinityEachClientKeepsItsTrackAcrossAHundredRequestsAndTwoWeightChangesAndARollbackEndsThePinsCleanly()
            throws Exception {
        canary("v2", 50);
        rt.setAffinity(Affinity.defaults());
        int clients = 20;
        String[] pins = new String[clients];
        String[] first = new String[clients];
        for (int c = 0; c < clients; c++) {
            Answer a = get(null, null, null);
            assertThat(a.pin()).as("first answer pins").isNotNull();
            pins[c] = a.pin();
            first[c] = a.servedBy().substring(0, a.servedBy().lastIndexOf('-'));
        }
        for (int round = 0; round < 100; round++) {
            if (round == 33) {
                rt.setWeight(20);
            } else if (round == 66) {
                rt.setWeight(40); // below the 50 the stable clients were pinned at: nobody moves
            }
            List<Answer> answers = parallel(clients, c -> get(null, null, pins[c]));
            for (int c = 0; c < clients; c++) {
                assertThat(answers.get(c).status()).isEqualTo(200);
                assertThat(answers.get(c).from(first[c])).as("client %d in round %d (%s)", c, round, answers.get(c))
                        .isTrue();
            }
        }
        assertThat(first).as("both tracks have clients (each has 50%% of 20 first requests)")
                .contains("v1-stable", "v2-canary");

        rt.rollback();
        // Straight after the rollback, every client, pinned or not, is served by stable and pinned to it again.
        List<Answer> after = parallel(clients * 10, i -> get(null, null, pins[i % clients]));
        assertThat(after).allMatch(a -> a.status() == 200 && a.from("v1-stable"));
        assertThat(after.stream().filter(a -> a.pin() != null).map(Answer::pin).distinct())
                .allMatch(p -> p.startsWith(Affinity.DEFAULT_COOKIE + "=stable:v1:"));
    }

    @Test
    void withAffinityAPromotionMovesEveryPinnedClientToTheNewStableAndNoneReachesTheRemovedCanary() throws Exception {
        canary("v2", 50);
        rt.setAffinity(Affinity.defaults());
        List<Answer> first = parallel(20, i -> get(null, null, null));
        assertThat(first).allMatch(a -> a.pin() != null);
        rt.promote();
        List<Answer> after = parallel(200, i -> get(null, null, first.get(i % 20).pin()));
        assertThat(after).allMatch(a -> a.status() == 200 && a.from("v2-stable"));
        assertThat(after.stream().filter(a -> a.pin() != null).map(Answer::pin).distinct())
                .allMatch(p -> p.startsWith(Affinity.DEFAULT_COOKIE + "=stable:v2:"));
    }

    @Test
    void mirroringHalfOfStablesRequestsDeliversAboutHalfToTheCanaryAndNoneOfItsErrorsReachAClient() throws Exception {
        canary("v4", 0);
        rt.setMirror(Mirror.percent(50));
        long sentBefore = rt.status().routing().mirrored();
        long droppedBefore = rt.status().routing().dropped();
        Instant from = Instant.now();
        int n = 1000;
        List<Answer> answers = parallel(n, i -> get(null, null, null));
        assertThat(answers).as("clients see stable's answers only, never an error").allMatch(a -> a.status() == 200
                && a.from("v1-stable"));
        long copies = 0;
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            RequestWindow mirrored = rt.telemetry().requests(Track.CANARY, from, Instant.now().plusSeconds(1), Origin.MIRROR);
            if (mirrored.total() == rt.status().routing().mirrored() - sentBefore) {
                copies = mirrored.total();
                break;
            }
        }
        Instant to = Instant.now().plusSeconds(1);
        assertThat(rt.status().routing().dropped() - droppedBefore).as("no copy dropped: 1000 fit in the queue").isZero();
        assertBinomial(copies, n, 0.5, "mirrored copies answered by the canary");
        RequestWindow canary = rt.telemetry().requests(Track.CANARY, from, to, Origin.MIRROR);
        assertThat(canary.errors()).as("v4 answered some copies with errors (5%% of about 500)").isPositive();
        assertThat(rt.telemetry().requests(Track.CANARY, from, to, Origin.CLIENT).total()).as("no client reached v4").isZero();
        assertThat(rt.telemetry().requests(Track.STABLE, from, to, Origin.CLIENT).errors()).isZero();
        assertThat(rt.telemetry().requests(Track.CANARY, from, to).total()).as("ALL, what the judge reads, has the copies")
                .isEqualTo(copies);
        assertThat(rt.status().routing().mirror()).isEqualTo(Mirror.percent(50));
        rt.rollback();
        assertThat(rt.status().routing().mirror().on()).as("a rollback ends the mirroring").isFalse();
    }
}
