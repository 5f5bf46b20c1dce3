package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the parts of one rollout share: the runtime and metric source, the records being written, the versions,
 * the weight and the phase, and {@link #emit}. Only the rollout's own thread touches it, except {@link #abort}.
 */
final class RolloutContext {

    final LabRuntime runtime;
    final MetricSource source;
    final CanaryConfig config;
    final Strategy strategy;
    final Rollout.Settings settings;
    final RolloutListener listener;
    final Webhooks webhooks;
    final Ticker ticker = new Ticker(this);
    final Routes routes = new Routes(this);

    final List<RolloutRecord.Step> steps = new ArrayList<>();
    final List<RolloutRecord.Analysis> analyses = new ArrayList<>();
    final List<RolloutRecord.TimePoint> timeline = new ArrayList<>();
    final List<RolloutRecord.Event> events = new ArrayList<>();

    volatile String abortReason;
    String stableVersion;
    String version;
    int weight;
    Phase phase = Phase.STARTING;
    /** What the progress line calls the current phase, e.g. "step 2/5: setWeight 25". */
    String label = "starting";
    BackgroundAnalysis background;
    AnalysisRun current;
    Map<String, TrackPair> lastData = Map.of();
    double lastWindowSeconds = Double.NaN;

    RolloutContext(LabRuntime runtime, MetricSource source, CanaryConfig config, Strategy strategy,
            Rollout.Settings settings, RolloutListener listener) {
        this.runtime = runtime;
        this.source = source;
        this.config = config;
        this.strategy = strategy;
        this.settings = settings;
        this.listener = listener;
        this.webhooks = new Webhooks(strategy.webhooks(), settings.title());
    }

    void enter(Phase phase, String label) {
        this.phase = phase;
        this.label = label;
    }

    String versionOf(Track track) {
        return track == Track.CANARY ? version : stableVersion;
    }

    void emit(EventType type, String message) {
        RolloutRecord.Event e = new RolloutRecord.Event(Instant.now(), type, message, new RolloutRecord.Subject(
                stableVersion, version, strategy.kind().label(), strategy.name()));
        events.add(e);
        listener.event(e);
        if (type != EventType.WEBHOOK) {
            webhooks.notify(e);
        }
    }

    void setWeight(int percent) {
        runtime.setWeight(percent);
        weight = percent;
        boolean baseline = strategy.baseline() && strategy.kind() == Strategy.Kind.CANARY;
        emit(EventType.WEIGHT, Narration.weight(percent, version, stableVersion, baseline));
    }

    /**
     * Deploys the new version (and a fresh baseline of stable) without traffic and waits until they are ready;
     * returns why it did not get there, or empty.
     */
    Optional<Stop> deployNewVersion(boolean withBaseline) {
        enter(Phase.DEPLOYING, "deploying " + version);
        if (withBaseline) {
            runtime.deploy(stableVersion, Track.BASELINE, strategy.replicas());
        }
        runtime.deploy(version, Track.CANARY, strategy.replicas());
        emit(EventType.DEPLOY, Narration.deployed(version, stableVersion, strategy.kind() == Strategy.Kind.BLUE_GREEN,
                withBaseline, strategy.replicas()));
        Optional<Stop> stop = ticker.waitUntil(Instant.now().plus(settings.readyTimeout()), () -> {
            RuntimeStatus s = runtime.status();
            return ready(s.track(Track.CANARY)) && (!withBaseline || ready(s.track(Track.BASELINE)));
        });
        if (stop.isPresent()) {
            return stop;
        }
        RuntimeStatus s = runtime.status();
        if (!ready(s.track(Track.CANARY)) || withBaseline && !ready(s.track(Track.BASELINE))) {
            return Optional.of(new Stop(Stop.Cause.NOT_READY, Narration.notReady(version, settings.readyTimeout(),
                    s.track(Track.CANARY))));
        }
        return Optional.empty();
    }

    private static boolean ready(TrackStatus t) {
        return t != null && t.ready() >= t.desired();
    }

    /** Traffic back to stable and the new version removed, whatever state the rollout was in. */
    void restore() {
        routes.clear();
        try {
            runtime.rollback();
        } catch (RuntimeException e) {
            emit(EventType.RESTORE_FAILED, Narration.restoreFailed(e.getMessage()));
        }
    }

    RolloutListener.Progress progress() {
        if (current != null) {
            return current.progress();
        }
        if (background != null) {
            return background.run.progress();
        }
        return new RolloutListener.Progress(label, weight, null, 0, 0, Map.of(), null);
    }
}
