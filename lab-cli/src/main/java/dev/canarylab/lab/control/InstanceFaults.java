package dev.canarylab.lab.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.TrackStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults of a running version, changed live through each of its instances' {@code /admin/faults} (sample-app's
 * admin API): what the dashboard's fault controls call. Needs instances this lab started itself (the local
 * runtime); an instance restarted later comes back with its catalogue faults.
 */
public final class InstanceFaults {

    /**
     * What to change on every instance of {@code version}: fields left null stay as they are; {@code clear}
     * removes every fault, the catalogue's included.
     */
    public record Change(String version, Integer latencyMs, Double latencyRatio, Double errorRate, boolean clear) {
    }

    /** One instance's faults after the change, in words ("latency 250ms on 30% of requests"), or its error. */
    public record Instance(String track, String version, String instance, List<String> active, String error) {
    }

    private final LabRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public InstanceFaults(LabRuntime runtime) {
        this.runtime = runtime;
    }

    /** The faults of every running instance. */
    public List<Instance> read() {
        List<Instance> out = new ArrayList<>();
        for (Target t : targets(runtime.status(), null)) {
            out.add(call(t, HttpRequest.newBuilder(t.uri()).GET()));
        }
        return out;
    }

    public List<Instance> change(Change c) {
        if (c == null || c.version() == null || c.version().isBlank()) {
            throw LabException.badInput("say which version's faults to change, e.g. {\"version\": \"v2\", \"errorRate\": 0.05}");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (c.latencyMs() != null) {
            if (c.latencyMs() < 0 || c.latencyMs() > 60_000) {
                throw LabException.badInput("latencyMs must be between 0 and 60000, got " + c.latencyMs());
            }
            fields.put("latency", c.latencyMs() + "ms");
        }
        putFraction(fields, "latencyRatio", c.latencyRatio());
        putFraction(fields, "errorRate", c.errorRate());
        if (!c.clear() && fields.isEmpty()) {
            throw LabException.badInput("nothing to change: give latencyMs, latencyRatio, errorRate or clear");
        }
        List<Target> targets = targets(runtime.status(), c.version());
        if (targets.isEmpty()) {
            throw new LabException(ExitCodes.USAGE, c.version() + " has no running instance whose faults the lab can"
                    + " change (running versions are in 'lab status'; a cluster's pods are not reachable from here)");
        }
        String body;
        try {
            body = StateFile.JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<Instance> out = new ArrayList<>();
        for (Target t : targets) {
            HttpRequest.Builder b = HttpRequest.newBuilder(t.uri());
            b = c.clear() ? b.DELETE() : b.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            out.add(call(t, b));
        }
        return out;
    }

    private static void putFraction(Map<String, Object> fields, String name, Double value) {
        if (value != null) {
            if (!(value >= 0 && value <= 1)) {
                throw LabException.badInput(name + " must be between 0 and 1, got " + value);
            }
            fields.put(name, value);
        }
    }

    private record Target(TrackStatus track, InstanceStatus instance) {
        URI uri() {
            return URI.create("http://127.0.0.1:" + instance.port() + "/admin/faults");
        }
    }

    /** Instances with a process of this lab's (pid) and a port: the local runtime's. */
    private static List<Target> targets(RuntimeStatus status, String version) {
        List<Target> out = new ArrayList<>();
        for (TrackStatus t : status.tracks()) {
            if (version != null && !t.version().equals(version)) {
                continue;
            }
            for (InstanceStatus i : t.instances()) {
                if (i.pid() > 0 && i.port() > 0) {
                    out.add(new Target(t, i));
                }
            }
        }
        return out;
    }

    private Instance call(Target t, HttpRequest.Builder b) {
        runtime.instanceAdminToken().ifPresent(token -> b.header("Authorization", "Bearer " + token));
        String track = t.track().track().label();
        String version = t.track().version();
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = StateFile.JSON.readTree(r.body());
            if (r.statusCode() >= 400) {
                return new Instance(track, version, t.instance().id(), List.of(),
                        body.path("error").asText("HTTP " + r.statusCode()));
            }
            List<String> active = new ArrayList<>();
            body.path("active").forEach(n -> active.add(n.asText()));
            return new Instance(track, version, t.instance().id(), active, null);
        } catch (IOException e) {
            return new Instance(track, version, t.instance().id(), List.of(), "no answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }
}
