package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.ControlServer;
import dev.canarylab.lab.control.InstanceFaults;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nobody changes or reads an instance's internals through the router: its /admin, /metrics and /version are
 * refused for every method, track and spelling, on loopback and on another address of a router bound to 0.0.0.0.
 * The lab itself still reaches them, with the admin token only it holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterSecurityIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v2: {color: green}
            """;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    /** Where the router is reached: loopback, and a second address standing in for the network. */
    private static final List<String> ADDRESSES = List.of("127.0.0.1", "127.0.0.2");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalRuntime rt;
    private int routerPort;
    private ControlServer control;

    @BeforeAll
    void start() throws IOException {
        Path dir = Files.createTempDirectory("lab-it");
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        rt = LocalRuntime.start(CatalogLoader.load(Files.writeString(dir.resolve("lab.yaml"), CATALOG)),
                new LocalRuntime.Settings(jar, "0.0.0.0", 0, "96m", 7, 1), line -> { });
        routerPort = Integer.parseInt(rt.routerUrl().replaceAll(".*:", ""));
        rt.deploy("v2", Track.CANARY, 1);
        rt.deploy("v1", Track.BASELINE, 1);
        rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
        rt.awaitReady(Track.CANARY, Duration.ofSeconds(60));
        rt.awaitReady(Track.BASELINE, Duration.ofSeconds(60));
        rt.setWeight(50);
    }

    @AfterAll
    void stop() {
        if (control != null) {
            control.close();
        }
        if (rt != null) {
            rt.close();
        }
    }

    record Answer(int status, String body, String servedBy) {
    }

    private Answer send(String address, String method, String path, String track, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + address + ":" + routerPort + path))
                .timeout(Duration.ofSeconds(10));
        boolean withBody = List.of("POST", "PUT", "PATCH").contains(method);
        b.method(method, withBody ? HttpRequest.BodyPublishers.ofString("{\"errorRate\": 1, \"crashAfterRequests\": 1,"
                + " \"crashExitCode\": 2}") : HttpRequest.BodyPublishers.noBody());
        if (track != null) {
            b.header("X-Lab-Track", track);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("X-Lab-Served-By").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every instance's faults, read on its own port with the lab's token. */
    private Map<String, String> faultsOfEveryInstance() {
        Map<String, String> out = new LinkedHashMap<>();
        for (TrackStatus t : rt.status().tracks()) {
            for (InstanceStatus i : t.instances()) {
                out.put(i.id(), direct(i.port(), "GET", "/admin/faults", rt.instanceAdminToken().orElseThrow()).body());
            }
        }
        return out;
    }

    private Answer direct(int port, String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    @Test
    void adminFaultsIsRefusedForEveryMethodTrackAndAddressAndNoInstanceChanges() {
        Map<String, String> before = faultsOfEveryInstance();
        List<String> reached = new ArrayList<>();
        for (String address : ADDRESSES) {
            for (String track : new String[] {null, "stable", "baseline", "canary"}) {
                for (String method : METHODS) {
                    // with the lab's own token too: the router refuses the path, whoever asks
                    for (String token : new String[] {null, rt.instanceAdminToken().orElseThrow()}) {
                        Answer a = send(address, method, "/admin/faults", track, token);
                        if (a.status() != 403 || a.servedBy() != null) {
                            reached.add(address + " " + method + " track " + track + ": " + a.status() + " " + a.servedBy());
                        }
                    }
                }
            }
        }
        assertThat(reached).as("requests that were not refused with 403").isEmpty();
        assertThat(faultsOfEveryInstance()).isEqualTo(before);
        assertThat(send("127.0.0.2", "GET", "/api/color", null, null).status()).isEqualTo(200);
    }

    @Test
    void noSpellingOfAnOperatorPathGetsThrough() {
        Map<String, String> before = faultsOfEveryInstance();
        // Jetty decodes %61, drops ;parameters and resolves dot segments before the router looks, and answers 400
        // itself to an empty segment (//admin: ambiguous); the router ignores case, and forwards the very path it
        // checked, so the instance cannot read it differently.
        Map<String, Integer> tricks = new LinkedHashMap<>();
        for (String path : List.of("/admin/faults", "/admin/../admin/faults", "/api/../admin/faults", "/./admin/faults",
                "/ADMIN/faults", "/%61dmin/faults", "/%41DMIN/faults", "/admin;x=1/faults", "/admin/faults;x=1",
                "/admin/faults/", "/admin/faults?x=1", "/admin", "/admin/", "/metrics/", "/METRICS", "/metrics;x=1/",
                "/version", "/version/", "/VERSION", "/%76ersion", "/version;x=1")) {
            tricks.put(path, 403);
        }
        tricks.put("//admin/faults", 400);
        tricks.put("/api//../admin/faults", 400);
        tricks.put("//metrics", 400);
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> got = new LinkedHashMap<>();
        for (String address : ADDRESSES) {
            for (Map.Entry<String, Integer> trick : tricks.entrySet()) {
                for (String method : List.of("GET", "PATCH", "DELETE")) {
                    Answer a = send(address, method, trick.getKey(), "canary", null);
                    String request = address + " " + method + " " + trick.getKey();
                    assertThat(a.servedBy()).as("%s reached an instance", request).isNull();
                    expected.put(request, trick.getValue());
                    got.put(request, a.status());
                }
            }
        }
        assertThat(got).isEqualTo(expected);
        assertThat(faultsOfEveryInstance()).isEqualTo(before);
    }

    @Test
    void anEncodedMetricsIsTheRoutersOwnNotAnInstances() {
        // Jetty maps the decoded path: /%6detrics is the router's /metrics servlet, never proxied.
        Answer a = send("127.0.0.2", "GET", "/%6detrics", "canary", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.servedBy()).isNull();
        assertThat(a.body()).contains("lab_router_requests_seconds").doesNotContain("sample_fault_");
    }

    @Test
    void theRoutersOwnMetricsAndTheApplicationStillAnswerOnEveryAddress() {
        for (String address : ADDRESSES) {
            Answer metrics = send(address, "GET", "/metrics", null, null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("lab_router_requests_seconds").doesNotContain("sample_fault_");
            for (String path : List.of("/", "/api/color", "/api/stories", "/health/ready")) {
                Answer a = send(address, "GET", path, "canary", null);
                assertThat(a.status()).as(path).isEqualTo(200);
                assertThat(a.servedBy()).as(path).startsWith("v2-canary-");
            }
        }
    }

    @Test
    void instancesRunWithTheAdminTokenInTheirEnvironmentNotTheirCommandLineAndRefuseRequestsWithoutIt() throws IOException {
        String token = rt.instanceAdminToken().orElseThrow();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        for (TrackStatus t : rt.status().tracks()) {
            for (InstanceStatus i : t.instances()) {
                ProcessHandle p = ProcessHandle.of(i.pid()).orElseThrow();
                assertThat(p.info().commandLine().orElseThrow()).as("ps shows the command line").doesNotContain(token);
                assertThat(p.info().arguments().map(List::of).orElseThrow()).noneMatch(a -> a.contains(token));
                String environ = Files.readString(Path.of("/proc/" + i.pid() + "/environ")).replace('\0', '\n');
                assertThat(environ.lines()).contains("SAMPLE_ADMIN_TOKEN=" + token);

                assertThat(direct(i.port(), "GET", "/admin/faults", null).status()).isEqualTo(401);
                assertThat(direct(i.port(), "DELETE", "/admin/faults", "guess").status()).isEqualTo(401);
                assertThat(direct(i.port(), "GET", "/admin/faults", token).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theLabsFaultControlsStillBreakAndHealTheCanary() {
        control = control != null ? control : ControlServer.start(rt, new NoTraffic(), rt.routerUrl(), () -> { });
        ControlClient client = new ControlClient(new LabState(ProcessHandle.current().pid(), control.url(),
                rt.routerUrl(), control.token(), Instant.now()));
        try {
            String changed = client.post("/v1/faults", new InstanceFaults.Change("v2", null, null, 1.0, false), Duration.ofSeconds(10));
            assertThat(changed).contains("100% errors").doesNotContain("\"error\":\"");
            for (int i = 0; i < 10; i++) {
                Answer a = send("127.0.0.1", "GET", "/api/color", "canary", null);
                assertThat(a.status()).isEqualTo(500);
                assertThat(a.servedBy()).startsWith("v2-canary-");
            }
            assertThat(send("127.0.0.1", "GET", "/api/color", "stable", null).status()).isEqualTo(200);
        } finally {
            client.post("/v1/faults", new InstanceFaults.Change("v2", null, null, null, true), Duration.ofSeconds(10));
        }
        assertThat(send("127.0.0.1", "GET", "/api/color", "canary", null).status()).isEqualTo(200);
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
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
