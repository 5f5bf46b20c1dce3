package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's side of the control API on a real loopback port: page, token, rollout state, stream, reports. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DashboardApiTest {

    @TempDir
    Path reports;

    private final List<String> calls = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ControlServer server;
    private ControlClient client;

    /** v1 on stable and v2 on canary, 100 requests a second each, one in ten failing on the canary. */
    private final class TwoTracks implements LabRuntime, Telemetry {
        @Override
        public void deploy(String version, Track track, int replicas) {
        }

        @Override
        public void setWeight(int percent) {
        }

        @Override
        public void promote() {
        }

        @Override
        public void rollback() {
            calls.add("rollback");
        }

        @Override
        public RuntimeStatus status() {
            InstanceStatus i = new InstanceStatus("x", InstanceStatus.Phase.RUNNING, true, 0, 0, 0, Instant.EPOCH, "");
            return new RuntimeStatus("http://127.0.0.1:1", 30, Instant.EPOCH, "lab up", List.of(
                    new TrackStatus(Track.STABLE, "v1", "blue", 1, List.of(i), List.of()),
                    new TrackStatus(Track.CANARY, "v2", "green", 1, List.of(i), List.of())));
        }

        @Override
        public Telemetry telemetry() {
            return this;
        }

        @Override
        public MetricSource metricSource() {
            return new EmbeddedSource(this);
        }

        @Override
        public RequestWindow requests(Track track, Instant from, Instant to) {
            int n = (int) Math.max(1, Duration.between(from, to).toMillis() / 10);
            double[] latencies = new double[n];
            java.util.Arrays.fill(latencies, track == Track.CANARY ? 20 : 10);
            return new RequestWindow(track, from, to, latencies, new long[n], track == Track.CANARY ? n / 10 : 0,
                    Set.of(track == Track.CANARY ? "v2" : "v1"), true);
        }

        @Override
        public List<ResourceSample> resources(Track track, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            return "";
        }

        @Override
        public String stop() {
            return "";
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void start() {
        server = ControlServer.start(new TwoTracks(), new NoTraffic(), "http://127.0.0.1:1", () -> { }, reports);
        client = new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(), "http://127.0.0.1:1",
                server.token(), Instant.now()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RolloutState state(String id, boolean ended) {
        return new RolloutState(id, "Rolling out v2 over v1", "canary 'canary'", "v1", "v2", "step 2/3: analysis", 20,
                null, List.of(new RolloutState.Metric("latency", "PASS", "fine")), List.of(), List.of(), ended,
                ended ? "promoted" : null, null, null, Instant.now());
    }

    @Test
    void thePageAndItsScriptsAreServedWithoutTheTokenButNoDataIs() throws Exception {
        HttpResponse<String> page = get("/lab/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Presenter controls").contains("dashboard.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/lab/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/lab/charts.js").body()).contains("LabCharts");
        assertThat(get("/lab/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/lab?token=abc").statusCode()).as("redirected to /lab/ (not followed)").isEqualTo(302);

        assertThat(get("/v1/dashboard/snapshot").statusCode()).isEqualTo(401);
        assertThat(get("/v1/dashboard/snapshot?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get("/v1/dashboard/snapshot?token=" + server.token()).statusCode()).isEqualTo(200);
        assertThat(server.dashboardUrl()).isEqualTo(server.url() + "/lab/?token=" + server.token());
    }

    @Test
    void thePageLoadsTheStageViewsScriptAndStylesWhichAreServedWithoutTheToken() throws Exception {
        assertThat(get("/lab/").body()).contains("href=\"stage.css\"").contains("src=\"stage.js\"");
        HttpResponse<String> script = get("/lab/stage.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).contains("window.LabStage");
        HttpResponse<String> styles = get("/lab/stage.css");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void controlsNeedTheTokenInTheHeaderNotInTheAddress() throws Exception {
        for (String path : List.of("/v1/rollback", "/v1/promote", "/v1/rollout/abort", "/v1/faults", "/v1/weight",
                "/v1/rollout/feed")) {
            assertThat(post(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(post(path + "?token=" + server.token(), null).statusCode()).as(path + " with ?token")
                    .isEqualTo(401);
        }
        assertThat(calls).isEmpty();
        assertThat(post("/v1/rollback", "Bearer " + server.token()).statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("rollback");
    }

    @Test
    void theLabKeepsTheLatestStateAndHandsAnAbortToThatRolloutOnly() {
        assertThatThrownBy(() -> client.get("/v1/rollout")).hasMessageContaining("no rollout has run");
        assertThatThrownBy(() -> client.post("/v1/rollout/abort", null, Duration.ofSeconds(2)))
                .isInstanceOf(LabException.class).hasMessage("no rollout is running on this lab");

        assertThat(client.post("/v1/rollout/feed", state("first", false), Duration.ofSeconds(2))).contains("\"abort\":null");
        RolloutState seen = ControlClient.parse(client.get("/v1/rollout"), RolloutState.class);
        assertThat(seen.step()).isEqualTo("step 2/3: analysis");
        assertThat(seen.metrics()).extracting(RolloutState.Metric::classification).containsExactly("PASS");

        client.post("/v1/rollout/abort", new ControlServer.AbortRequest("speaker"), Duration.ofSeconds(2));
        assertThat(client.post("/v1/rollout/feed", state("first", false), Duration.ofSeconds(2)))
                .contains("\"abort\":\"speaker\"");
        assertThat(client.post("/v1/rollout/feed", state("second", false), Duration.ofSeconds(2)))
                .as("a later rollout is not aborted").contains("\"abort\":null");
        client.post("/v1/rollout/feed", state("second", true), Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.post("/v1/rollout/abort", null, Duration.ofSeconds(2)))
                .hasMessage("no rollout is running on this lab");
    }

    @Test
    void theStreamStartsWithASnapshotThenTicksEverySecondAndForwardsRolloutUpdates() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                URI.create(server.url() + "/v1/dashboard/events?token=" + server.token()))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(event + " " + line.substring(6));
                    }
                }
            } catch (Exception e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();

        assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("hello ").contains("\"version\":\"v2\"");
        String tick = events.poll(5, TimeUnit.SECONDS);
        assertThat(tick).startsWith("tick ").contains("\"track\":\"canary\"").contains("\"weight\":30");
        com.fasterxml.jackson.databind.JsonNode canary = null;
        for (com.fasterxml.jackson.databind.JsonNode t : StateFile.JSON.readTree(tick.substring(5)).path("point").path("tracks")) {
            if (t.path("track").asText().equals("canary")) {
                canary = t;
            }
        }
        assertThat(canary).as("the canary's second").isNotNull();
        assertThat(canary.path("version").asText()).isEqualTo("v2");
        assertThat(canary.path("color").asText()).isEqualTo("green");
        assertThat(canary.path("requests").asLong()).as("about a second at 100 requests/s").isBetween(50L, 200L);
        assertThat(canary.path("errors").asLong()).isEqualTo(canary.path("requests").asLong() / 10);
        assertThat(canary.path("p50").asDouble()).isEqualTo(20.0);

        client.post("/v1/rollout/feed", state("streamed", false), Duration.ofSeconds(2));
        String rollout = null;
        for (int i = 0; i < 5 && rollout == null; i++) {
            String e = events.poll(5, TimeUnit.SECONDS);
            if (e != null && e.startsWith("rollout ")) {
                rollout = e;
            }
        }
        assertThat(rollout).contains("\"id\":\"streamed\"").contains("step 2/3: analysis");
    }

    @Test
    void reportsAreServedByNameOnlyAndWithTheToken() throws Exception {
        Files.writeString(reports.resolve("slow-release-20260101-100000.html"), "<p>report</p>");
        Files.writeString(reports.getParent().resolve("secret.html"), "secret");
        String t = "?token=" + server.token();
        assertThat(get("/lab/reports/slow-release-20260101-100000.html" + t).body()).isEqualTo("<p>report</p>");
        assertThat(get("/lab/reports/slow-release-20260101-100000.html").statusCode()).isEqualTo(401);
        assertThat(get("/lab/reports/..%2Fsecret.html" + t).statusCode()).isEqualTo(404);
        assertThat(get("/lab/reports/missing.html" + t).statusCode()).isEqualTo(404);
    }

    @Test
    void faultsOfAVersionWithoutReachableInstancesAreRefusedInOneLine() {
        assertThatThrownBy(() -> client.post("/v1/faults", new InstanceFaults.Change("v2", null, null, 0.05, false),
                Duration.ofSeconds(2))).hasMessageStartingWith("v2 has no running instance whose faults the lab can change");
        assertThatThrownBy(() -> client.post("/v1/faults", new InstanceFaults.Change("v2", null, null, 1.5, false),
                Duration.ofSeconds(2))).hasMessage("errorRate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> client.post("/v1/faults", new InstanceFaults.Change("v2", null, null, null, false),
                Duration.ofSeconds(2))).hasMessageStartingWith("nothing to change");
    }
}
