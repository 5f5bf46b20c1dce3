package dev.canarylab.lab.rollout;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays scenarios on a runtime: puts the scenario's stable version in place, starts traffic, runs the rollout
 * with narration, stops traffic, and says whether it ended as expected.
 */
public final class ScenarioRunner {

    /**
     * @param seconds wall time of the scenario, set-up included
     */
    public record Result(Scenario scenario, RolloutRecord record, double seconds) {

        public boolean asExpected() {
            return record.outcome() == scenario.expect();
        }
    }

    private final LabRuntime runtime;
    private final TrafficDriver traffic;
    private final Pace pace;
    private final PrintWriter err;
    private final RolloutListener listener;
    private final AtomicReference<Rollout> running = new AtomicReference<>();
    private volatile String stopReason;

    /** @param listener told about every rollout: the narrator, and the dashboard's feed if one is open */
    public ScenarioRunner(LabRuntime runtime, TrafficDriver traffic, Pace pace, PrintWriter err,
            RolloutListener listener) {
        this.listener = listener;
        this.runtime = runtime;
        this.traffic = traffic;
        this.pace = pace;
        this.err = err;
    }

    /** Stops the scenario playing now (its rollout aborts, traffic goes back to stable) and any later one. */
    public void stop(String reason) {
        stopReason = reason;
        abortCurrent(reason);
    }

    /** Aborts the rollout playing now, if any (traffic back to stable); later scenarios still play. */
    public void abortCurrent(String reason) {
        Rollout r = running.get();
        if (r != null) {
            r.abort(reason);
        }
    }

    public Result play(Scenario scenario) {
        if (stopReason != null) {
            throw new LabException(ExitCodes.INTERRUPTED, "stopped: " + stopReason);
        }
        Instant start = Instant.now();
        Strategy strategy = StrategyLoader.load(scenario.strategy()).scaled(pace.timeFactor());
        CanaryConfig config = scenario.config() != null ? ConfigLoader.load(scenario.config())
                : strategy.config() != null ? ConfigLoader.load(strategy.config()) : ConfigLoader.defaults();
        resetStable(scenario);
        String router = runtime.status().routerUrl();
        double rps = scenario.rps() * pace.rpsFactor();
        Scenario.Matching matching = scenario.matching();
        double groupRps = matching == null ? 0 : rps * matching.percent() / 100.0;
        double plainRps = matching == null ? rps : rps - groupRps * matching.groups();
        List<PreviewTraffic> tagged = new ArrayList<>();
        if (plainRps > 0) {
            List<String> flags = new ArrayList<>(List.of("--rps", String.format(Locale.ROOT, "%.3f", plainRps),
                    "--duration", "forever"));
            if (scenario.mix() != null) {
                flags.addAll(List.of("--mix", scenario.mix().toAbsolutePath().toString()));
            }
            traffic.start(router, flags);
            err.println("Traffic: " + trim(plainRps) + " requests/s to " + router + " (traffic-gen, open model"
                    + (scenario.mix() != null ? ", the requests of " + scenario.mix().getFileName() : "") + ").");
        }
        if (matching != null) {
            for (Scenario.Header h : matching.control() == null ? List.of(matching.header())
                    : List.of(matching.header(), matching.control())) {
                tagged.add(PreviewTraffic.withHeader(router, groupRps, h.name(), h.value()));
                err.println("Traffic: " + trim(groupRps) + " requests/s with " + h + " (sent by the lab: "
                        + matching.percent() + "% of the users).");
            }
        }
        Rollout rollout = new Rollout(runtime, runtime.metricSource(), config, strategy,
                new Rollout.Settings(scenario.name() + ": " + scenario.stable() + " -> " + scenario.version(),
                        Duration.ofSeconds(90), false), listener);
        running.set(rollout);
        RolloutRecord record;
        try {
            if (stopReason != null) {
                rollout.abort(stopReason);
            }
            record = rollout.run(scenario.version());
        } finally {
            running.set(null);
            traffic.stop();
            tagged.forEach(PreviewTraffic::close);
        }
        return new Result(scenario, record, Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    /** The scenario starts from its stable version, whatever the previous one left. */
    private void resetStable(Scenario scenario) {
        RuntimeStatus status = runtime.status();
        if (status.track(Track.CANARY) != null || status.track(Track.BASELINE) != null) {
            runtime.rollback();
        }
        TrackStatus stable = runtime.status().track(Track.STABLE);
        if (scenario.stable() == null || stable != null && stable.version().equals(scenario.stable())) {
            return;
        }
        err.println("Setting the stage: " + scenario.stable() + " back on the stable track (it was "
                + (stable == null ? "empty" : stable.version()) + ").");
        runtime.deploy(scenario.stable(), Track.STABLE, stable == null ? 1 : Math.max(1, stable.desired()));
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            TrackStatus s = runtime.status().track(Track.STABLE);
            if (s != null && s.version().equals(scenario.stable()) && s.ready() >= s.desired()
                    && s.replaced().isEmpty()) {
                return;
            }
            if (stopReason != null) {
                throw new LabException(ExitCodes.INTERRUPTED, "stopped: " + stopReason);
            }
            sleep(200);
        }
        throw new LabException(ExitCodes.NOT_READY, scenario.stable() + " did not become ready on the stable track"
                + " within 90 s");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }
}
