package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control API on a real loopback port, in front of a recording runtime. */
class ControlServerTest {

    private final List<String> calls = new ArrayList<>();
    private ControlServer server;
    private ControlClient client;

    /** Records what the API asked of it; refuses weights above 50 as the real one does with a baseline. */
    private final class RecordingRuntime implements LabRuntime, Telemetry {
        @Override
        public void deploy(String version, Track track, int replicas) {
            calls.add("deploy " + version + " " + track.label() + " " + replicas);
        }

        @Override
        public void setWeight(int percent) {
            if (percent > 50) {
                throw LabException.badInput("at most 50, got " + percent);
            }
            calls.add("weight " + percent);
        }

        @Override
        public void promote() {
            calls.add("promote");
        }

        @Override
        public void rollback() {
            calls.add("rollback");
        }

        @Override
        public RuntimeStatus status() {
            return new RuntimeStatus("http://127.0.0.1:1", 10, Instant.EPOCH, "lab up", List.of());
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
        public void close() {
        }

        @Override
        public RequestWindow requests(Track track, Instant from, Instant to) {
            calls.add("requests " + track.label() + " " + from.toEpochMilli() + " " + to.toEpochMilli());
            return new RequestWindow(track, from, to, new double[] {1.5, 2.5}, new long[] {10, 20}, 1, Set.of("v2"), true);
        }

        @Override
        public List<ResourceSample> resources(Track track, Instant from, Instant to) {
            return List.of(new ResourceSample(from, track, "v2", "v2-canary-1", 1.0, 2.0, 3));
        }
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            return "started " + target + " " + flags;
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
        server = ControlServer.start(new RecordingRuntime(), new NoTraffic(), "http://127.0.0.1:1", () -> calls.add("down"));
        client = new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(), "http://127.0.0.1:1",
                server.token(), Instant.now()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutTheTokenNothingHappens() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String auth : new String[] {null, "Bearer wrong", "Bearer " + server.token() + "x"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/v1/rollback"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (auth != null) {
                b.header("Authorization", auth);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
        assertThat(calls).isEmpty();
        assertThat(server.token()).hasSize(48);
    }

    @Test
    void commandsReachTheRuntimeAndItsRefusalsComeBackWithTheirExitCode() {
        client.post("/v1/deploy", new ControlServer.DeployRequest("v2", "canary", 2), Duration.ofSeconds(5));
        client.post("/v1/weight", new ControlServer.WeightRequest(20), Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.post("/v1/weight", new ControlServer.WeightRequest(60), Duration.ofSeconds(5)))
                .isInstanceOf(LabException.class).hasMessage("at most 50, got 60")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThatThrownBy(() -> client.post("/v1/deploy", new ControlServer.DeployRequest("v2", "prod", 1), Duration.ofSeconds(5)))
                .hasMessage("unknown track 'prod'; expected stable, baseline or canary");
        client.post("/v1/rollback", null, Duration.ofSeconds(5));
        assertThat(calls).containsExactly("deploy v2 canary 2", "weight 20", "rollback");
        assertThat(client.status().canaryWeight()).isEqualTo(10);
    }

    @Test
    void theJudgeReadsAWindowOfSamplesPerTrack() {
        RequestWindow w = client.requests(Track.CANARY, Instant.ofEpochMilli(1000), Instant.ofEpochMilli(5000));
        assertThat(calls).containsExactly("requests canary 1000 5000");
        assertThat(w.latenciesMs()).containsExactly(1.5, 2.5);
        assertThat(w.total()).isEqualTo(2);
        assertThat(w.errors()).isEqualTo(1);
        assertThat(w.track()).isEqualTo(Track.CANARY);
        assertThat(client.resources(Track.CANARY, Instant.EPOCH, Instant.now())).singleElement()
                .satisfies(s -> assertThat(s.restarts()).isEqualTo(3));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /v1/weight        | {not json                                            | 400 | the request body is not valid JSON
            /v1/weight        | {}                                                   | 400 | the request needs percent (a whole number from 0 to 100)
            /v1/weight        | null                                                 | 400 | the request body must be a JSON object with percent, got null
            /v1/weight        | ''                                                   | 400 | the request needs a JSON object with percent
            /v1/weight        | [10]                                                 | 400 | the request body must be a JSON object with percent, got array
            /v1/weight        | {"percent": null}                                    | 400 | the request needs percent
            /v1/weight        | {"percent": 10.9}                                    | 400 | percent must be a whole number from 0 to 100, got 10.9
            /v1/weight        | {"percent": 1e1}                                     | 400 | percent must be a whole number from 0 to 100, got 10.0
            /v1/weight        | {"percent": "10"}                                    | 400 | percent must be a whole number from 0 to 100, got "10"
            /v1/weight        | {"percent": true}                                    | 400 | percent must be a whole number from 0 to 100, got true
            /v1/weight        | {"percent": 101}                                     | 400 | percent must be a whole number from 0 to 100, got 101
            /v1/weight        | {"percent": -1}                                      | 400 | percent must be a whole number from 0 to 100, got -1
            /v1/weight        | {"percent": 4294967306}                              | 400 | percent must be a whole number from 0 to 100, got 4294967306
            /v1/weight        | {"percent": 10, "force": true}                       | 400 | unknown field 'force' (known: percent)
            /v1/deploy        | {"version": "v2", "track": "canary"}                 | 400 | the request needs replicas
            /v1/deploy        | {"version": "v2", "track": "canary", "replicas": 1.5} | 400 | replicas must be a whole number from 0 to 10, got 1.5
            /v1/deploy        | {"version": "v2", "track": "canary", "replicas": -1} | 400 | replicas must be a whole number from 0 to 10, got -1
            /v1/deploy        | {"version": 2, "track": "canary", "replicas": 1}     | 400 | version must be non-empty text, got 2
            /v1/deploy        | {"version": "v2", "track": "prod", "replicas": 1}    | 400 | unknown track 'prod'
            /v1/faults        | {"errorRate": 0.1}                                   | 400 | the request needs version
            /v1/faults        | {"version": "v2", "errorRate": "lots"}               | 400 | errorRate must be between 0 and 1, got "lots"
            /v1/faults        | {"version": "v2", "errorRate": 1.5}                  | 400 | errorRate must be between 0 and 1, got 1.5
            /v1/faults        | {"version": "v2", "latencyMs": 10.5}                 | 400 | latencyMs must be a whole number from 0 to 60000, got 10.5
            /v1/faults        | {"version": "v2", "clear": "yes"}                    | 400 | clear must be true or false, got "yes"
            /v1/rollout/abort | {"reason": 5}                                        | 400 | reason must be non-empty text, got 5
            /v1/rollout/abort | null                                                 | 400 | the request body must be a JSON object with reason, got null
            /v1/traffic/start | {}                                                   | 400 | the request needs flags (a list of text)
            /v1/traffic/start | {"flags": "--rps 5"}                                 | 400 | flags must be a list of text, got "--rps 5"
            /v1/traffic/start | {"flags": ["--rps", 5]}                              | 400 | flags must be a list of text
            /v1/rollout/feed  | {"id": "r1", "weight": "ten"}                        | 400 | the request body does not fit
            /v1/rollout/feed  | {"id": "r1", "wieght": 10}                           | 400 | unknown field 'wieght'
            /v1/rollout/feed  | {bad                                                 | 400 | the request body is not valid JSON
            """)
    void aBadRequestBodyIsRefusedWithA400AndOneLineAndChangesNothing(String path, String body, int status,
            String error) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        com.fasterxml.jackson.databind.JsonNode json = StateFile.JSON.readTree(r.body());
        assertThat(json.path("error").asText()).startsWith(error).doesNotContain("\n");
        assertThat(json.path("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(calls).as("the runtime was not asked anything").isEmpty();
    }
}
