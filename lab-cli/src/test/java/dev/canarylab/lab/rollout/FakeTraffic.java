package dev.canarylab.lab.rollout;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Synthetic users for the fake runtime: a steady request rate split between the tracks by the weights in force at
 * each instant, plus preview requests that reached a track by header. Each version answers from its own
 * latency distribution (log-normal, stratified so that two healthy tracks look alike at any sample size) and
 * error rate. Deterministic under a seed for a given window.
 */
final class FakeTraffic {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final String LOADED = "@load";

    /**
     * How a version answers.
     *
     * @param medianMs    median latency
     * @param sigma       log-normal spread
     * @param errorRate   fraction of requests answered 5xx
     */
    record Profile(double medianMs, double sigma, double errorRate) {

        static Profile healthy() {
            return new Profile(40, 0.15, 0.002);
        }

        Profile slower(double factor) {
            return new Profile(medianMs * factor, sigma, errorRate);
        }

        Profile failing(double rate) {
            return new Profile(medianMs, sigma, rate);
        }
    }

    /** From {@code from} on, these shares of the traffic (0..1) went to these versions. */
    private record Segment(Instant from, Map<Track, String> versions, Map<Track, Double> shares) {
    }

    private final double requestsPerSecond;
    private final long seed;
    private final Map<String, Profile> profiles = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private final Map<Track, List<Instant>> preview = new java.util.EnumMap<>(Track.class);

    FakeTraffic(double requestsPerSecond, long seed) {
        this.requestsPerSecond = requestsPerSecond;
        this.seed = seed;
    }

    synchronized void profile(String version, Profile profile) {
        profiles.put(version, profile);
    }

    /** How {@code version} answers while it serves at least half of all users (a leak that shows under load). */
    synchronized void underLoad(String version, Profile profile) {
        profiles.put(version + LOADED, profile);
    }

    /** The router changed: from now on traffic is split like this. */
    synchronized void route(Map<Track, String> versions, Map<Track, Double> shares) {
        segments.add(new Segment(Instant.now(), Map.copyOf(versions), Map.copyOf(shares)));
    }

    /** A request on the preview route reached {@code track}. */
    synchronized void previewRequest(Track track, Instant at) {
        preview.computeIfAbsent(track, t -> new ArrayList<>()).add(at);
    }

    synchronized long previewRequests(Track track) {
        return preview.getOrDefault(track, List.of()).size();
    }

    synchronized RequestWindow requests(Track track, Instant from, Instant to) {
        Map<String, Double> seconds = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Instant end = i + 1 < segments.size() ? segments.get(i + 1).from() : Instant.MAX;
            Instant a = s.from().isAfter(from) ? s.from() : from;
            Instant b = end.isBefore(to) ? end : to;
            double share = s.shares().getOrDefault(track, 0.0);
            if (a.isBefore(b) && share > 0) {
                String key = s.versions().get(track) + (share >= 0.5 ? LOADED : "");
                seconds.merge(key, share * Duration.between(a, b).toNanos() / 1e9, Double::sum);
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        seconds.forEach((v, s) -> counts.put(v, (int) Math.floor(s * requestsPerSecond)));
        String current = currentVersion(track);
        long hits = preview.getOrDefault(track, List.of()).stream().filter(t -> !t.isBefore(from) && t.isBefore(to))
                .count();
        if (current != null && hits > 0) {
            counts.merge(current, (int) hits, Integer::sum);
        }
        List<Double> latencies = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        long errors = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String version = e.getKey().replace(LOADED, "");
            versions.add(version);
            Profile p = profiles.getOrDefault(e.getKey(), profiles.getOrDefault(version, Profile.healthy()));
            int n = e.getValue();
            SplittableRandom random = new SplittableRandom(seed * 31 + track.ordinal() * 7919L + n);
            for (int k = 0; k < n; k++) {
                double u = (k + random.nextDouble()) / n;
                latencies.add(p.medianMs() * Math.exp(p.sigma() * NORMAL.inverseCumulativeProbability(u)));
            }
            errors += Math.round(n * p.errorRate());
        }
        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new RequestWindow(track, from, to, ms, new long[ms.length], errors, versions, true);
    }

    private String currentVersion(Track track) {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1).versions().get(track);
    }
}
