package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.narration.QrReading;
import dev.canarylab.lab.runtime.Audience;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.api.ContentResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Audience mode on one lab: stable v1 and canary v2 at 50%, the router on loopback and its audience door on
 * 127.0.0.2, standing in for the room's network. Phones are HTTP clients with cookie jars of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudienceIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v2: {color: green}
            """;
    private static final String ROOM = "127.0.0.2";
    /** Twice the default: a phone of these tests sends up to nine requests at once (burst 20). */
    private static final int RATE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The room's client that floods the lab. */
    private static final String FLOOD = "127.0.0.3";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private LocalRuntime rt;
    private ControlServer control;
    private int routerPort;
    private int audiencePort;
    /** Phones come from 127.0.0.10 on, one address each. */
    private final AtomicInteger nextPhone = new AtomicInteger(10);
    private final List<org.eclipse.jetty.client.HttpClient> phones = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        Path dir = Files.createTempDirectory("lab-it");
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        rt = LocalRuntime.start(CatalogLoader.load(Files.writeString(dir.resolve("lab.yaml"), CATALOG)),
                new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1)
                        .withAudience(new Audience(ROOM, 0, RATE)), line -> { });
        routerPort = Integer.parseInt(rt.routerUrl().replaceAll(".*:", ""));
        rt.deploy("v2", Track.CANARY, 1);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        rt.awaitReady(Track.CANARY, Duration.ofSeconds(60));
        rt.setWeight(50);
        control = ControlServer.start(rt, new NoTraffic(), rt.routerUrl(), () -> { });
        audiencePort = URI.create(rt.audienceUrl().orElseThrow()).getPort();
    }

    @AfterAll
    void stop() throws Exception {
        for (org.eclipse.jetty.client.HttpClient c : phones) {
            c.stop();
        }
        if (control != null) {
            control.close();
        }
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void theAudiencePageAnswersOnTheRoomsAddressAndEachRefreshIsARequestTheAnalysisCounts() throws Exception {
        assertThat(rt.audienceUrl()).contains("http://" + ROOM + ":" + audiencePort + "/audience");
        Phone phone = new Phone();
        ContentResponse page = phone.get("/audience");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(page.getContentAsString()).contains("/audience/page.js");
        assertThat(page.getHeaders().get("Content-Security-Policy")).isNotNull();
        assertThat(phone.get("/audience/page.js").getContentAsString()).contains("/api/color");

        Instant from = Instant.now();
        long before = counted(from);
        ContentResponse refresh = phone.get("/api/color");
        assertThat(refresh.getStatus()).isEqualTo(200);
        String version = refresh.getHeaders().get("X-Lab-Version");
        assertThat(version).isIn("v1", "v2");
        assertThat(refresh.getHeaders().get("X-Lab-Color")).isEqualTo(version.equals("v1") ? "blue" : "green");
        assertThat(JSON.readTree(refresh.getContentAsString()).path("version").asText()).isEqualTo(version);
        // the router records a request once its answer has gone: wait for it rather than race it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counted(from) < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counted(from)).isEqualTo(before + 1);
    }

    /** Requests of both tracks the router's telemetry (what the analysis reads) holds since {@code from}. */
    private long counted(Instant from) {
        Instant to = Instant.now().plusSeconds(1);
        return rt.telemetry().requests(Track.STABLE, from, to).total() + rt.telemetry().requests(Track.CANARY, from, to).total();
    }

    @Test
    void adminFaultsIsRefusedThroughTheRouterOnEveryAddress() {
        for (String base : List.of("http://" + ROOM + ":" + audiencePort, "http://127.0.0.1:" + routerPort)) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/admin/faults"))
                        .method(method, HttpRequest.BodyPublishers.ofString("{\"errorRate\": 1}")));
                assertThat(r.statusCode()).as("%s %s/admin/faults", method, base).isEqualTo(403);
                assertThat(r.headers().firstValue("X-Lab-Served-By")).as("reached an instance").isEmpty();
            }
        }
        // the lab's own router port does not listen on the room's address at all
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://" + ROOM + ":" + routerPort
                + "/admin/faults")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void noOperatorPathNorTheRoutersOwnMetricsReachTheRoom() {
        for (String path : List.of("/metrics", "/version", "/admin", "/%6detrics", "/ADMIN/faults", "/api/../version")) {
            ContentResponse r = new Phone().get(path);
            assertThat(r.getStatus()).as(path).isEqualTo(403);
            assertThat(r.getHeaders().get("X-Lab-Served-By")).as(path).isNull();
            assertThat(r.getContentAsString()).as(path).doesNotContain("lab_router_requests").doesNotContain("seed");
        }
        // on the lab's own port the router's metrics are still there, for Prometheus
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/metrics"))).body())
                .contains("lab_router_requests");
    }

    @Test
    void theControlApiAndTheDashboardDoNotAnswerOnTheRoomsAddress() {
        int controlPort = URI.create(control.url()).getPort();
        for (String path : List.of("/v1/status", "/lab/", "/v1/audience")) {
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://" + ROOM + ":" + controlPort + path))
                    .header("Authorization", "Bearer " + control.token()).build(), HttpResponse.BodyHandlers.ofString()))
                    .as(path).isInstanceOf(ConnectException.class);
            // through the audience door they are just paths of the application, which has none of them
            ContentResponse r = new Phone().get(path);
            assertThat(r.getStatus()).as(path).isEqualTo(404);
            assertThat(r.getContentAsString()).as(path).doesNotContain("canary-lab: live").doesNotContain("\"tracks\"");
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(control.url() + "/v1/audience"))
                .header("Authorization", "Bearer " + control.token())).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardsQrCodeDecodesToTheAudienceAddress() {
        HttpResponse<String> svg = send(HttpRequest.newBuilder(URI.create(control.url() + "/lab/audience-qr.svg")));
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(QrReading.fromSvg(svg.body())).isEqualTo("http://" + ROOM + ":" + audiencePort + "/audience");
    }

    @Test
    void oneClientPastItsLimitGets429WhileOthersAndTheLabsOwnPortAreServed() throws Exception {
        // Eight connections at once from one address of the room, until it is refused (or 30 s).
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> floods = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            floods.add(pool.submit(() -> {
                while (refused.get() == 0 && System.nanoTime() < deadline) {
                    int status = rawGet(FLOOD, ROOM, audiencePort, "/api/color");
                    (status == 429 ? refused : served).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : floods) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused.get()).as("429s after %d served in %.1f s", served.get(), seconds).isPositive();
        // a token bucket: the whole burst first, then the rate, and never more
        assertThat(served.get()).isGreaterThanOrEqualTo(2 * RATE).isLessThanOrEqualTo((int) (2 * RATE + RATE * seconds) + 8);
        // another phone of the room is not held back by that one
        assertThat(new Phone().get("/api/color").getStatus()).isEqualTo(200);
        // nor is anything on the lab's own port (traffic-gen, the lab's probes), from the same address
        for (int i = 0; i < 6 * RATE; i++) {
            assertThat(rawGet(FLOOD, "127.0.0.1", routerPort, "/api/color")).isEqualTo(200);
        }
    }

    @Test
    void eachPhoneStaysOnOneVersionAndTheDashboardCountsPhonesPerVersion() throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            Phone phone = new Phone();
            phone.get("/audience");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                seen.add(phone.get("/api/color").getHeaders().get("X-Lab-Version"));
            }
            assertThat(seen).as("versions phone %d saw", p).hasSize(1);
            expected.merge(seen.iterator().next(), 1, Integer::sum);
        }
        // without its cookies the same door spreads one client over both versions (a 2^-15 chance not to)
        Set<String> cookieless = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            cookieless.add(rawVersion(ROOM, audiencePort));
        }
        assertThat(cookieless).containsExactlyInAnyOrder("v1", "v2");

        JsonNode audience = JSON.readTree(send(HttpRequest.newBuilder(URI.create(control.url() + "/v1/audience"))
                .header("Authorization", "Bearer " + control.token())).body());
        Map<String, Integer> counted = new HashMap<>();
        audience.path("devices").forEach(d -> counted.put(d.path("version").asText(), d.path("count").asInt()));
        // other tests' phones may have refreshed in the last seconds too: these four are there, on their versions
        expected.forEach((v, n) -> assertThat(counted.getOrDefault(v, 0)).as("phones on %s", v).isGreaterThanOrEqualTo(n));
        assertThat(audience.path("devices").findValuesAsText("color")).isSubsetOf("blue", "green");
    }

    @Test
    void inABrowserThePageShowsTheVersionInItsColourAndTheDashboardShowsTheQrCodeAndThePhone() {
        ChromeDriver chrome = Browser.start(390, 844);
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(20), Duration.ofMillis(200));
            chrome.get(rt.audienceUrl().orElseThrow());
            String version = wait.until(d -> {
                String v = d.findElement(By.id("version")).getText();
                return v.matches("v[12]") ? v : null;
            });
            // CSS named colours as the browser computes them (blue, green), once the page's fade has ended
            String colour = version.equals("v1") ? "rgb(0, 0, 255)" : "rgb(0, 128, 0)";
            wait.until(d -> colour.equals(((ChromeDriver) d).executeScript("return getComputedStyle(document.body).backgroundColor")));
            wait.until(d -> Integer.parseInt(d.findElement(By.id("answers")).getText()) >= 2); // it refreshes itself
            Browser.screenshot(chrome, "audience-phone");
            assertThat(Browser.consoleErrors(chrome)).isEmpty();

            chrome.get(control.dashboardUrl());
            wait.until(d -> d.findElements(By.cssSelector("#audience img.audience-qr")).size() == 1
                    && Boolean.TRUE.equals(((ChromeDriver) d).executeScript("const i = document.querySelector("
                            + "'#audience img.audience-qr'); return i.complete && i.naturalWidth > 0")));
            assertThat(chrome.findElement(By.id("audience-url")).getText()).isEqualTo(rt.audienceUrl().orElseThrow());
            String phones = wait.until(d -> d.findElements(By.cssSelector("#audience-devices li[data-version='" + version
                    + "'] .audience-count")).stream().map(e -> e.getText()).findFirst().orElse(null));
            assertThat(Integer.parseInt(phones)).isPositive();
            Browser.screenshot(chrome, "audience-dashboard");
        } finally {
            chrome.quit();
        }
    }

    /**
     * A browser on a phone: a client of its own address in the room (so its own rate limit) and its own cookie jar
     * (the device and affinity cookies). Java's HttpClient cannot choose its source address; Jetty's can.
     */
    private final class Phone {
        private final org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();

        Phone() {
            client.setBindAddress(new InetSocketAddress("127.0.0." + nextPhone.getAndIncrement(), 0));
            client.setFollowRedirects(false);
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            phones.add(client);
        }

        ContentResponse get(String path) {
            try {
                return client.newRequest("http://" + ROOM + ":" + audiencePort + path).timeout(10, TimeUnit.SECONDS).send();
            } catch (Exception e) {
                throw new AssertionError(path + ": " + e, e);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The version that answers a GET of /api/color without cookies, from 127.0.0.4. */
    private static String rawVersion(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.4", 0));
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /api/color HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?mi)^X-Lab-Version: (\\S+)").matcher(answer);
            return m.find() ? m.group(1) : "none: " + answer.lines().findFirst().orElse("");
        }
    }

    /** One GET from the source address {@code from} (Java's HttpClient cannot choose it); returns the status. */
    private static int rawGet(String from, String host, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 200"
            in.readAllBytes();
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String routerUrl, List<String> flags) {
            return "no traffic in this test";
        }

        @Override
        public String stop() {
            return "no traffic in this test";
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
