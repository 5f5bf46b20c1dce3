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
 * <p>The simulation multiplies every canary latency by the factor; sample-app's faults add time. A latency shift
 * becomes {@code cpuBurn}: every canary request does (factor - 1) x the baseline's measured median latency of extra CPU
 * work, so that the canary's median is about the factor times the baseline's, then calibrated
 * on the running lab (LiveEvaluation). CPU work, like a slower code path in a
 * real release, stretches with the machine's load as the rest of the request does; the {@code latency} fault sleeps
 * instead, and on a busy machine each wake-up costs more than a sub-millisecond delay (measured: a 0.39 ms sleep
 * added 1.06 ms, a 1.82x canary for a 1.2x scenario). The canary's CPU metric rises with it, as it would for such a
 * release (the simulation keeps CPU unchanged). A tail (a share of requests k times slower) stays a {@code latency}
 * fault on that share: only it has a ratio, and there the delay is many times the wake-up cost.
 */
final class LiveFaults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LiveFaults(LabRuntime runtime) {
        this.runtime = runtime;
    }

    /** The faults that make v1 behave as {@code scenario}'s canary, given the baseline's median latency. */
    static Map<String, Object> of(Scenario scenario, double baselineMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("errorRate", scenario.errorRate());
        if (scenario.latencyFactor() > 1.0) {
            f.put("cpuBurn", micros((scenario.latencyFactor() - 1) * baselineMs));
        }
        if (scenario.tailFraction() > 0) {
            f.put("latency", micros((scenario.tailFactor() - 1) * baselineMs));
            f.put("latencyRatio", scenario.tailFraction());
        }
        return f;
    }

    private static String micros(double ms) {
        return Math.max(1, Math.round(ms * 1000)) + "us";
    }

    /** The microseconds of a duration this class wrote ("526us"). */
    static double micros(Object text) {
        return Double.parseDouble(text.toString().replace("us", ""));
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
