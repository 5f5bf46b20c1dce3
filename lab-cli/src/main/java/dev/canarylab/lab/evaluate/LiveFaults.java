package dev.canarylab.lab.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A simulated scenario as sample-app faults, set on one track's instances with {@code PUT /admin/faults} (which
 * replaces every fault). Both tracks run v1, so faults go by track, not by version as the dashboard's do.
 *
 * <p>sample-app's latency fault adds a delay; the simulation multiplies. The delay is sized from the baseline's
 * measured mean latency so that the canary's mean is the simulated factor times the baseline's: a regression
 * that costs 20% of the request's time. A delay inside the instance cannot scale what the router measures around
 * it (proxying, loopback, scheduling), and a slower code path in a real release adds time rather than multiplying
 * the proxy's, so an additive fault sized on the mean is the honest reading of "1.2x slower".
 */
final class LiveFaults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LiveFaults(LabRuntime runtime) {
        this.runtime = runtime;
    }

    /** The faults that make v1 behave as {@code scenario}'s canary, given the baseline's mean latency. */
    static Map<String, Object> of(Scenario scenario, double baselineMeanMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("errorRate", scenario.errorRate());
        double extra = 0;
        double ratio = 1;
        if (scenario.latencyFactor() != 1.0) {
            extra = (scenario.latencyFactor() - 1) * baselineMeanMs;
        } else if (scenario.tailFraction() > 0) {
            // One latency fault per instance: a scenario with both a shift and a tail would need two.
            extra = (scenario.tailFactor() - 1) * baselineMeanMs;
            ratio = scenario.tailFraction();
        }
        if (extra > 0) {
            f.put("latency", Math.max(1, Math.round(extra * 1000)) + "us");
            f.put("latencyRatio", ratio);
        }
        return f;
    }

    /** The faults in words, for progress and notes. */
    static String describe(Map<String, Object> faults) {
        return faults.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Replaces the faults of every instance of {@code track}; any refusal is an error (the run would be wrong). */
    void set(Track track, Map<String, Object> faults) {
        TrackStatus t = runtime.status().track(track);
        if (t == null || t.instances().isEmpty()) {
            throw new LabException(ExitCodes.SOFTWARE, track.label() + " has no instance to set faults on");
        }
        String body;
        try {
            body = JSON.writeValueAsString(faults);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (InstanceStatus i : t.instances()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + "/admin/faults"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body));
            runtime.instanceAdminToken().ifPresent(token -> b.header("Authorization", "Bearer " + token));
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new LabException(ExitCodes.SOFTWARE, "instance " + i.id() + " refused faults " + body
                            + ": HTTP " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                throw new LabException(ExitCodes.SOFTWARE, "instance " + i.id() + " did not answer /admin/faults: "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException(ExitCodes.INTERRUPTED, "interrupted");
            }
        }
    }
}
