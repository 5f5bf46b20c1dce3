package dev.canarylab.lab.rollout;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory runtime with LocalRuntime's semantics (weights, promote, rollback) and synthetic traffic. Records
 * every change made to it, in order, as "deploy v2 canary 1", "setWeight 10", "promote", "rollback".
 */
final class FakeRuntime implements LabRuntime {

    private record Deployed(String version, int replicas, Instant readyAt) {
    }

    private final Map<Track, Deployed> tracks = new EnumMap<>(Track.class);
    private final Map<String, Duration> readyAfter = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final FakeTraffic traffic;
    private int weight;
    private String routerUrl = "http://127.0.0.1:9";
    private final Map<String, RouteRule> rules = new LinkedHashMap<>();
    private Mirror mirror = Mirror.OFF;
    private Affinity affinity;
    /** The share of the synthetic users whose requests meet a header route's conditions. */
    private double matchingShare = 0.25;

    FakeRuntime(String stable, double requestsPerSecond) {
        traffic = new FakeTraffic(requestsPerSecond, 42);
        tracks.put(Track.STABLE, new Deployed(stable, 1, Instant.now()));
        reroute();
    }

    FakeTraffic traffic() {
        return traffic;
    }

    /** {@code version} becomes ready this long after it is deployed; null: never. */
    synchronized FakeRuntime readyAfter(String version, Duration delay) {
        readyAfter.put(version, delay == null ? Duration.ofDays(365) : delay);
        return this;
    }

    synchronized FakeRuntime matchingShare(double share) {
        matchingShare = share;
        reroute();
        return this;
    }

    FakeRuntime routerUrl(String url) {
        routerUrl = url;
        return this;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized int weight() {
        return weight;
    }

    synchronized String versionOn(Track track) {
        Deployed d = tracks.get(track);
        return d == null ? null : d.version();
    }

    @Override
    public synchronized void deploy(String version, Track track, int replicas) {
        calls.add("deploy " + version + " " + track.label() + " " + replicas);
        if (replicas == 0) {
            tracks.remove(track);
        } else {
            Duration delay = readyAfter.getOrDefault(version, Duration.ZERO);
            tracks.put(track, new Deployed(version, replicas, Instant.now().plus(delay)));
        }
        reroute();
    }

    @Override
    public synchronized void setWeight(int percent) {
        calls.add("setWeight " + percent);
        if (percent < 0 || percent > 100) {
            throw LabException.badInput("weight must be between 0 and 100 percent, got " + percent);
        }
        if (!tracks.containsKey(Track.CANARY)) {
            throw LabException.badInput("no canary is deployed");
        }
        if (tracks.containsKey(Track.BASELINE) && 2 * percent > 100) {
            throw LabException.badInput("with a baseline deployed: at most 50, got " + percent);
        }
        weight = percent;
        reroute();
    }

    @Override
    public synchronized void promote() {
        calls.add("promote");
        Deployed canary = tracks.remove(Track.CANARY);
        if (canary == null) {
            throw LabException.badInput("no canary to promote");
        }
        tracks.remove(Track.BASELINE);
        tracks.put(Track.STABLE, new Deployed(canary.version(), tracks.get(Track.STABLE).replicas(), Instant.now()));
        weight = 0;
        rules.clear();
        mirror = Mirror.OFF;
        reroute();
    }

    @Override
    public synchronized void rollback() {
        calls.add("rollback");
        tracks.remove(Track.CANARY);
        tracks.remove(Track.BASELINE);
        weight = 0;
        rules.clear();
        mirror = Mirror.OFF;
        reroute();
    }

    @Override
    public synchronized void setRoute(RouteRule rule) {
        calls.add("setRoute " + rule.describe());
        rules.put(rule.name(), rule);
        reroute();
    }

    @Override
    public synchronized void removeRoute(String name) {
        calls.add("removeRoute " + name);
        if (rules.remove(name) == null) {
            throw LabException.badInput("no route named " + name);
        }
        reroute();
    }

    @Override
    public synchronized void setAffinity(Affinity affinity) {
        calls.add("setAffinity " + affinity.cookie() + " " + affinity.maxAgeSeconds());
        this.affinity = affinity;
    }

    @Override
    public synchronized void clearAffinity() {
        calls.add("clearAffinity");
        affinity = null;
    }

    @Override
    public synchronized void setMirror(Mirror mirror) {
        calls.add("setMirror " + mirror.percent());
        if (mirror.on() && !tracks.containsKey(Track.CANARY)) {
            throw LabException.badInput("no canary to mirror to");
        }
        this.mirror = mirror;
        reroute();
    }

    @Override
    public synchronized RuntimeStatus status() {
        List<TrackStatus> list = new ArrayList<>();
        Instant now = Instant.now();
        tracks.forEach((track, d) -> {
            List<InstanceStatus> instances = new ArrayList<>();
            boolean ready = !now.isBefore(d.readyAt());
            for (int i = 0; i < d.replicas(); i++) {
                instances.add(new InstanceStatus(track.label() + "-" + i, ready ? InstanceStatus.Phase.RUNNING
                        : InstanceStatus.Phase.STARTING, ready, 0, 1000 + i, 20000 + i, d.readyAt(), ""));
            }
            list.add(new TrackStatus(track, d.version(), "blue", d.replicas(), instances, List.of()));
        });
        return new RuntimeStatus(routerUrl, weight, now, "", list,
                new Routing(List.copyOf(rules.values()), affinity, mirror, 0, 0));
    }

    @Override
    public Telemetry telemetry() {
        return new Telemetry() {
            @Override
            public RequestWindow requests(Track track, Instant from, Instant to) {
                return traffic.requests(track, from, to);
            }

            @Override
            public List<ResourceSample> resources(Track track, Instant from, Instant to) {
                return List.of();
            }
        };
    }

    @Override
    public MetricSource metricSource() {
        return new FakeSource(traffic);
    }

    @Override
    public void close() {
    }

    private void reroute() {
        Map<Track, String> versions = new EnumMap<>(Track.class);
        Map<Track, Double> shares = new EnumMap<>(Track.class);
        tracks.forEach((t, d) -> versions.put(t, d.version()));
        RuntimeStatus s = new RuntimeStatus(routerUrl, weight, Instant.now(), "", tracks.entrySet().stream()
                .map(e -> new TrackStatus(e.getKey(), e.getValue().version(), "", 1, List.of(), List.of())).toList());
        for (Track t : tracks.keySet()) {
            shares.put(t, s.weightOf(t) / 100.0);
        }
        // Each routed track gets its matching users whatever the weights; the others are split by the weights.
        List<Track> routed = rules.values().stream().map(RouteRule::track).distinct().filter(tracks::containsKey)
                .toList();
        if (!routed.isEmpty()) {
            double rest = 1 - matchingShare * routed.size();
            shares.replaceAll((t, share) -> share * rest);
            routed.forEach(t -> shares.merge(t, matchingShare, Double::sum));
        }
        // Mirrored copies come on top of what users send: the canary and baseline each get a share of stable's.
        if (mirror.on() && tracks.containsKey(Track.CANARY)) {
            double copies = shares.getOrDefault(Track.STABLE, 0.0) * mirror.percent() / 100.0;
            shares.merge(Track.CANARY, copies, Double::sum);
            if (tracks.containsKey(Track.BASELINE)) {
                shares.merge(Track.BASELINE, copies, Double::sum);
            }
        }
        traffic.route(versions, shares);
    }

    /** Serves the request metrics of the synthetic traffic; anything else it cannot read. */
    static final class FakeSource implements MetricSource {

        private final FakeTraffic traffic;

        FakeSource(FakeTraffic traffic) {
            this.traffic = traffic;
        }

        @Override
        public Reading read(MetricSpec spec, Track track, Instant from, Instant to) {
            String id = spec.embeddedId();
            RequestWindow w = traffic.requests(track, from, to);
            return switch (id) {
                case "router:request_latency_ms" -> new Reading(new MetricData.Values(w.latenciesMs()), id, null);
                case "router:request_errors" -> new Reading(new MetricData.Counts(w.total(), w.errors()), id, null);
                default -> Reading.unavailable(id, "the fake source has no " + id);
            };
        }

        @Override
        public String describe() {
            return "synthetic traffic";
        }
    }
}
