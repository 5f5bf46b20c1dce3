package dev.canarylab.lab.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.List;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** How the {@code lab} commands reach a running lab: the address and token from {@code .lab/state.json}. */
public final class ControlClient {

    private final LabState state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ControlClient(LabState state) {
        this.state = state;
    }

    /**
     * The running lab described by the state file, or empty when none is: a stale file, whose lab exited or whose
     * pid now names another process, is ignored.
     */
    public static Optional<ControlClient> find(StateFile file) {
        return file.read().filter(s -> s.liveProcess().isPresent()).map(ControlClient::new);
    }

    /** Like {@link #find} for commands that need a lab: no lab is an error with its exit code. */
    public static ControlClient require(StateFile file) {
        return find(file).orElseThrow(() -> new LabException(ExitCodes.NOT_RUNNING,
                "no lab is running here (no live lab in " + file.path() + "); start one with 'lab up -d'"));
    }

    public LabState state() {
        return state;
    }

    public RuntimeStatus status() {
        return parse(get("/v1/status"), RuntimeStatus.class);
    }

    /** What the router recorded for {@code track} in [from, to): the judge's input in local mode. */
    public RequestWindow requests(Track track, Instant from, Instant to) {
        return requests(track, from, to, Telemetry.Origin.ALL);
    }

    /** The same, only the requests of one origin (clients', or mirrored copies). */
    public RequestWindow requests(Track track, Instant from, Instant to, Telemetry.Origin origin) {
        return parse(get("/v1/telemetry/requests?track=" + track.label() + "&from=" + from.toEpochMilli()
                + "&to=" + to.toEpochMilli() + "&origin=" + origin.name().toLowerCase(java.util.Locale.ROOT)),
                RequestWindow.class);
    }

    /** The instances' CPU, heap and restart samples for {@code track} in [from, to). */
    public List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return List.of(parse(get("/v1/telemetry/resources?track=" + track.label() + "&from=" + from.toEpochMilli()
                + "&to=" + to.toEpochMilli()), ResourceSample[].class));
    }

    /** GET of a path of the control API, answered as JSON text. */
    public String get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Duration.ofSeconds(10));
    }

    /** POST of a JSON body (null for none); {@code timeout} covers slow changes such as a promotion. */
    public String post(String path, Object body, Duration timeout) {
        try {
            String json = body == null ? "{}" : StateFile.JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json"), timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(state.controlUrl() + path);
    }

    private String send(HttpRequest.Builder builder, Duration timeout) {
        HttpRequest req = builder.header("Authorization", "Bearer " + state.token()).timeout(timeout).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LabException(ExitCodes.NOT_RUNNING, "the lab (pid " + state.pid() + ") does not answer on "
                    + state.controlUrl() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(ExitCodes.SOFTWARE, "interrupted");
        }
        if (resp.statusCode() >= 400) {
            JsonNode err = parse(resp.body(), JsonNode.class);
            throw new LabException(err.path("exitCode").asInt(ExitCodes.SOFTWARE), err.path("error").asText(resp.body()));
        }
        return resp.body();
    }

    public static <T> T parse(String json, Class<T> type) {
        try {
            return StateFile.JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new LabException(ExitCodes.SOFTWARE, "unexpected answer from the lab: " + e.getOriginalMessage());
        }
    }
}
