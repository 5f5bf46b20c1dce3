package dev.canarylab.lab.workshop;

import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.util.Optional;

/** 01 splitting: v2 on the canary track with exactly 25% of the traffic, v1 keeping the rest. */
final class SplittingCheck implements ModuleCheck {

    static final String VERSION = "v2";
    static final int WEIGHT = 25;

    @Override
    public String id() {
        return "splitting";
    }

    @Override
    public String goal() {
        return "give v2 exactly 25% of traffic on the canary track, and reach it on demand with the preview header";
    }

    @Override
    public Check check(Workshop workshop) {
        Optional<RuntimeStatus> lab = workshop.lab();
        if (lab.isEmpty()) {
            return Check.notYet("no lab is running in " + workshop.state().dir(), "start one with 'lab up -d'");
        }
        RuntimeStatus status = lab.get();
        TrackStatus stable = status.track(Track.STABLE);
        TrackStatus canary = status.track(Track.CANARY);
        String stableVersion = stable == null ? "nothing" : stable.version();
        if (canary == null) {
            return Check.notYet("the lab runs " + stableVersion + " on stable and nothing on the canary track",
                    "deploy v2 there with 'lab deploy v2 --track canary'");
        }
        if (!VERSION.equals(canary.version())) {
            return Check.notYet("the canary track serves " + canary.version() + ", not " + VERSION,
                    "'lab rollback' it, then 'lab deploy v2 --track canary'");
        }
        int weight = status.weightOf(Track.CANARY);
        if (weight != WEIGHT) {
            return Check.notYet("v2 serves " + weight + "% of traffic on the canary track, want " + WEIGHT + "%",
                    "'lab weight " + WEIGHT + "'");
        }
        return Check.done("v2 serves " + weight + "% of traffic on the canary track and " + stableVersion + " keeps "
                + status.weightOf(Track.STABLE) + "%" + (status.track(Track.BASELINE) != null ? " (a baseline takes "
                + status.weightOf(Track.BASELINE) + "%)" : "") + "; 'curl -H \"X-Lab-Track: canary\" "
                + status.routerUrl() + "' reaches v2 every time");
    }
}
