package dev.canarylab.lab.control;

import dev.canarylab.lab.metrics.EmbeddedSource;
import dev.canarylab.lab.metrics.PrometheusSource;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A running lab seen through its control API: what {@code lab rollout} and {@code lab analyze} drive from another
 * process. Closing it leaves the lab running.
 */
public final class RemoteRuntime implements LabRuntime, Telemetry {

    private final ControlClient client;

    public RemoteRuntime(ControlClient client) {
        this.client = client;
    }

    @Override
    public void deploy(String version, Track track, int replicas) {
        client.post("/v1/deploy", new ControlServer.DeployRequest(version, track.label(), replicas),
                Duration.ofSeconds(30));
    }

    @Override
    public void setWeight(int percent) {
        client.post("/v1/weight", new ControlServer.WeightRequest(percent), Duration.ofSeconds(10));
    }

    @Override
    public void promote() {
        client.post("/v1/promote", null, Duration.ofSeconds(90));
    }

    @Override
    public void rollback() {
        client.post("/v1/rollback", null, Duration.ofSeconds(10));
    }

    @Override
    public RuntimeStatus status() {
        return client.status();
    }

    @Override
    public void setRoute(RouteRule rule) {
        client.post("/v1/routes", rule, Duration.ofSeconds(10));
    }

    @Override
    public void removeRoute(String name) {
        client.post("/v1/routes/remove", new ControlServer.RemoveRouteRequest(name), Duration.ofSeconds(10));
    }

    @Override
    public void setAffinity(Affinity affinity) {
        client.post("/v1/affinity", new ControlServer.AffinityRequest(affinity.cookie(), affinity.maxAgeSeconds()),
                Duration.ofSeconds(10));
    }

    @Override
    public void clearAffinity() {
        client.post("/v1/affinity/off", null, Duration.ofSeconds(10));
    }

    @Override
    public void setMirror(Mirror mirror) {
        client.post("/v1/mirror", mirror, Duration.ofSeconds(10));
    }

    @Override
    public Telemetry telemetry() {
        return this;
    }

    /** The lab's own source: its Prometheus when it was started with one, else the router's telemetry. */
    @Override
    public MetricSource metricSource() {
        String url = client.state().prometheusUrl();
        if (url == null) {
            return new EmbeddedSource(this);
        }
        return new PrometheusSource(PrometheusSource.Settings.local(URI.create(url)), track -> {
            TrackStatus t = status().track(track);
            return t == null ? null : t.version();
        });
    }

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to) {
        return client.requests(track, from, to);
    }

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to, Origin origin) {
        return client.requests(track, from, to, origin);
    }

    @Override
    public List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return client.resources(track, from, to);
    }

    /** The lab's traffic, started and stopped through its control API. */
    public TrafficDriver traffic() {
        return new TrafficDriver() {
            private boolean started;

            @Override
            public String start(String target, List<String> flags) {
                // the lab waits up to 15 s for traffic-gen's JVM to start sending (slow on a busy machine)
                String body = client.post("/v1/traffic/start", new ControlServer.TrafficRequest(flags),
                        Duration.ofSeconds(30));
                started = true;
                return ControlClient.parse(body, ControlServer.Message.class).message();
            }

            @Override
            public String stop() {
                started = false;
                return ControlClient.parse(client.post("/v1/traffic/stop", null, Duration.ofSeconds(45)),
                        ControlServer.Message.class).message();
            }

            @Override
            public boolean running() {
                return started;
            }

            @Override
            public void close() {
                if (started) {
                    stop();
                }
            }
        };
    }

    @Override
    public void close() {
        // The lab belongs to 'lab up'; 'lab down' stops it.
    }
}
