package dev.canarylab.lab.rollout;

import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How a new version is rolled out: Argo Rollouts' canary steps or blue-green, with canary-lab's analysis.
 *
 * @param name        for reports: the file name or the built-in's name
 * @param baseline    canary only: deploy a fresh copy of stable beside the canary and compare with it (Kayenta's
 *                    advice) rather than with long-running stable
 * @param config      the canary config file, or null for the built-in default
 * @param analysis    defaults of every analysis (interval, lifetime)
 * @param extensions  how many times an INCONCLUSIVE analysis may be extended by its lifetime before the rollout
 *                    ends INCONCLUSIVE
 * @param background  canary only: judge across all steps from the first weight on, aborting on a failure
 * @param blueGreen   blue-green settings, null for a canary strategy
 * @param affinity    canary only: Flagger's sessionAffinity, a cookie that keeps a client on the track that first
 *                    served it; null for none
 */
public record Strategy(String name, Kind kind, boolean baseline, int replicas, Path config, Timing analysis,
        int extensions, boolean background, List<Step> steps, BlueGreen blueGreen, List<Webhook> webhooks,
        SessionAffinity affinity) {

    public Strategy {
        steps = List.copyOf(steps);
        webhooks = List.copyOf(webhooks);
    }

    public Strategy(String name, Kind kind, boolean baseline, int replicas, Path config, Timing analysis,
            int extensions, boolean background, List<Step> steps, BlueGreen blueGreen, List<Webhook> webhooks) {
        this(name, kind, baseline, replicas, config, analysis, extensions, background, steps, blueGreen, webhooks,
                null);
    }

    /** Flagger's sessionAffinity: {@code cookieName} pins a client to its first track for {@code maxAge}. */
    public record SessionAffinity(String cookieName, Duration maxAge) {
    }

    /** Some step decides where traffic goes: a weight, a header route or a mirror route. */
    public boolean routesTraffic() {
        return routesTraffic(steps);
    }

    static boolean routesTraffic(List<Step> steps) {
        return steps.stream().anyMatch(s -> s instanceof Step.SetWeight
                || s instanceof Step.SetHeaderRoute h && !h.removes()
                || s instanceof Step.SetMirrorRoute m && !m.removes());
    }

    public enum Kind {
        CANARY("canary"), BLUE_GREEN("blue-green");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * When an analysis looks and for how long.
     *
     * @param power overrides the canary config's power for this analysis; 0 makes it a smoke test that fails
     *              on evident regressions only (blue-green's pre-promotion analysis on a trickle of preview
     *              traffic); null keeps the config's
     */
    public record Timing(Duration interval, Duration lifetime, Double power) {

        public Timing(Duration interval, Duration lifetime) {
            this(interval, lifetime, null);
        }

        Timing scaled(double factor) {
            return new Timing(Strategy.scale(interval, factor), Strategy.scale(lifetime, factor), power);
        }

        public String describe() {
            return "every " + dev.canarylab.lab.config.Durations.format(interval) + " for "
                    + dev.canarylab.lab.config.Durations.format(lifetime);
        }
    }

    /** One step of a canary strategy. */
    public sealed interface Step {

        String describe();

        /** Sends this percentage of traffic to the canary (and as much to the baseline). */
        record SetWeight(int percent) implements Step {
            @Override
            public String describe() {
                return "setWeight " + percent + "%";
            }
        }

        /** Waits; {@code duration} null waits until {@code lab promote} (or Enter in a terminal). */
        record Pause(Duration duration) implements Step {
            @Override
            public String describe() {
                return duration == null ? "pause until promoted"
                        : "pause " + dev.canarylab.lab.config.Durations.format(duration);
            }
        }

        /**
         * Argo's setHeaderRoute: requests that satisfy every condition of {@code match} go to the canary,
         * whatever the weights say. No conditions removes the route called {@code name}. A lab extension:
         * {@code track} baseline sends them to the fresh baseline instead (an A/B test's control group).
         */
        record SetHeaderRoute(String name, List<RouteMatch> match, Track track) implements Step {
            public SetHeaderRoute {
                match = List.copyOf(match);
            }

            public SetHeaderRoute(String name, List<RouteMatch> match) {
                this(name, match, Track.CANARY);
            }

            boolean removes() {
                return match.isEmpty();
            }

            @Override
            public String describe() {
                return removes() ? "setHeaderRoute " + name + " removed"
                        : "setHeaderRoute " + name + ": " + RouteNarration.describe(match)
                                + (track == Track.CANARY ? "" : " to the " + track.label());
            }
        }

        /**
         * Argo's setMirrorRoute: a copy of {@code percentage} of the requests stable serves (those satisfying
         * every condition of {@code match}, or all when it is empty) goes to the canary; the copy's answer is
         * dropped. A percentage of 0 removes the route called {@code name}.
         */
        record SetMirrorRoute(String name, int percentage, List<RouteMatch> match) implements Step {
            public SetMirrorRoute {
                match = List.copyOf(match);
            }

            boolean removes() {
                return percentage == 0;
            }

            @Override
            public String describe() {
                return removes() ? "setMirrorRoute " + name + " removed"
                        : "setMirrorRoute " + name + ": " + percentage + "%"
                                + (match.isEmpty() ? "" : " of " + RouteNarration.describe(match));
            }
        }

        /** Judges the canary against the baseline; a failure rolls back. */
        record Analysis(Timing timing) implements Step {
            @Override
            public String describe() {
                return "analysis " + timing.describe();
            }
        }
    }

    /**
     * Blue-green: the new version beside the active one, reachable only on the preview route until promoted.
     *
     * @param previewRate        requests/s the lab sends to the preview route during pre-promotion analysis
     * @param prePromotion       analysis of the preview before the switch; null for none
     * @param autoPromotionDelay wait this long before switching (Argo's autoPromotionSeconds)
     * @param postPromotion      analysis after the switch, against the active version's recent past; null for none
     */
    public record BlueGreen(int previewRate, Timing prePromotion, Duration autoPromotionDelay, Timing postPromotion) {
    }

    /**
     * A URL told about the rollout, Flagger and Vamp style: a JSON event POSTed on each of {@code events}.
     *
     * @param confirmPromotion asked before promoting: anything but a 2xx answer blocks the promotion
     */
    public record Webhook(URI url, Set<EventType> events, boolean confirmPromotion, Duration timeout) {

        public Webhook {
            events = Set.copyOf(events);
        }
    }

    /** What {@code lab analyze} runs: no steps, one analysis with this timing. */
    static Strategy analysisOnly(Duration interval, Duration lifetime) {
        return new Strategy("analysis", Kind.CANARY, false, 1, null, new Timing(interval, lifetime), 0, false,
                List.of(), null, List.of());
    }

    /** The same strategy with every duration multiplied by {@code factor} (the demo's paces). */
    public Strategy scaled(double factor) {
        List<Step> s = steps.stream().map(step -> {
            if (step instanceof Step.Pause p && p.duration() != null) {
                return new Step.Pause(scale(p.duration(), factor));
            }
            if (step instanceof Step.Analysis a) {
                return new Step.Analysis(a.timing().scaled(factor));
            }
            return step;
        }).toList();
        BlueGreen bg = blueGreen == null ? null : new BlueGreen(blueGreen.previewRate(),
                blueGreen.prePromotion() == null ? null : blueGreen.prePromotion().scaled(factor),
                scale(blueGreen.autoPromotionDelay(), factor),
                blueGreen.postPromotion() == null ? null : blueGreen.postPromotion().scaled(factor));
        return new Strategy(name, kind, baseline, replicas, config, analysis.scaled(factor), extensions, background,
                s, bg, webhooks, affinity);
    }

    static Duration scale(Duration d, double factor) {
        if (d.isZero() || factor == 1.0) {
            return d;
        }
        // Shrinking never goes below half a second: looks need a few requests, pauses a visible moment.
        return Duration.ofMillis(Math.max(Math.min(500, d.toMillis()), Math.round(d.toMillis() * factor)));
    }
}
