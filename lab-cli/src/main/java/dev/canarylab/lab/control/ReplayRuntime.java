package dev.canarylab.lab.control;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A runtime that is only a recording: its status and telemetry are the recorded timeline at the replay's clock,
 * for a replay's dashboard. Each track's seconds come out once, as requests whose latencies have the recorded
 * p50, p95 and p99 (the timeline keeps no more), so the dashboard's charts draw the recorded series. It changes
 * nothing: deploys, weights, promotions and rollbacks are refused.
 */
final class ReplayRuntime implements LabRuntime, Telemetry {

    private final RolloutRecord record;
    private final Clock clock;
    private final Map<Track, Instant> served = new EnumMap<>(Track.class);

    ReplayRuntime(RolloutRecord record, Clock clock) {
        this.record = record;
        this.clock = clock;
    }

    private RolloutRecord.TimePoint at(Instant t) {
        RolloutRecord.TimePoint last = null;
        for (RolloutRecord.TimePoint p : record.timeline()) {
            if (p.time().isAfter(t)) {
                break;
            }
            last = p;
        }
        return last;
    }

    @Override
    public RuntimeStatus status() {
        Instant now = clock.instant();
        RolloutRecord.TimePoint p = at(now);
        List<TrackStatus> tracks = new ArrayList<>();
        if (p == null) {
            tracks.add(new TrackStatus(Track.STABLE, record.stableVersion(), "replay", 1, List.of(instance(0)), List.of()));
        } else {
            p.tracks().forEach((track, t) -> tracks.add(new TrackStatus(track, t.version(), "replay", 1,
                    List.of(instance(t.restarts())), List.of())));
        }
        tracks.sort((a, b) -> a.track().compareTo(b.track()));
        return new RuntimeStatus("(a replay: no router)", p == null ? 0 : p.canaryWeight(), now, "replay of "
                + record.title(), tracks);
    }

    private InstanceStatus instance(int restarts) {
        return new InstanceStatus("replay", InstanceStatus.Phase.RUNNING, true, restarts, 0, 0, record.started(), "");
    }

    @Override
    public synchronized RequestWindow requests(Track track, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant since = served.getOrDefault(track, record.started() == null ? Instant.MIN : record.started());
        served.put(track, now);
        List<Double> latencies = new ArrayList<>();
        long errors = 0;
        for (RolloutRecord.TimePoint p : record.timeline()) {
            RolloutRecord.TrackPoint t = p.tracks().get(track);
            if (t == null || !p.time().isAfter(since) || p.time().isAfter(now)) {
                continue;
            }
            errors += t.errors();
            for (long i = 0; i < t.requests(); i++) {
                double q = (i + 0.5) / t.requests();
                latencies.add(q <= 0.5 ? t.p50() : q <= 0.95 ? t.p95() : t.p99());
            }
        }
        double[] values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new RequestWindow(track, from, to, values, new long[values.length], errors, Set.of(), true);
    }

    @Override
    public List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public Telemetry telemetry() {
        return this;
    }

    @Override
    public MetricSource metricSource() {
        throw refused();
    }

    @Override
    public void deploy(String version, Track track, int replicas) {
        throw refused();
    }

    @Override
    public void setWeight(int percent) {
        throw refused();
    }

    @Override
    public void promote() {
        throw refused();
    }

    @Override
    public void rollback() {
        throw refused();
    }

    private static LabException refused() {
        return LabException.badInput("this is a replay of a recorded rollout: there is no lab to change");
    }

    @Override
    public void close() {
    }
}
