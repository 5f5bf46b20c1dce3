package dev.canarylab.lab.rollout;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.SequentialAnalysis;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one strategy against a runtime: deploys the new version, walks the steps, runs the analyses, and promotes
 * or rolls back. Whatever happens (a failure, an exception, {@link #abort}), traffic ends on a version that was
 * judged or on stable. One thread drives it; {@link #abort} may come from another (Ctrl-C).
 */
public final class Rollout {

    private static final long TICK_MILLIS = 250;

    /**
     * @param title        what the reports call it, e.g. "slow-release: v1 -> v3"
     * @param readyTimeout how long the new version may take to become ready
     * @param promptEnter  a pause without duration may also end with Enter (a terminal is attached)
     */
    public record Settings(String title, Duration readyTimeout, boolean promptEnter) {
    }

    private final LabRuntime runtime;
    private final MetricSource source;
    private final CanaryConfig config;
    private final Strategy strategy;
    private final Settings settings;
    private final RolloutListener listener;
    private final Webhooks webhooks;

    private volatile String abortReason;
    private String stopped;
    private final List<RolloutRecord.Step> steps = new ArrayList<>();
    private final List<RolloutRecord.Analysis> analyses = new ArrayList<>();
    private final List<RolloutRecord.TimePoint> timeline = new ArrayList<>();
    private final List<RolloutRecord.Event> events = new ArrayList<>();
    private Instant lastSample;
    private String stableVersion;
    private String version;
    private int weight;
    private String stepLabel = "starting";
    private Background background;
    private AnalysisRun current;
    private Map<String, TrackPair> lastData = Map.of();
    private double lastWindowSeconds = Double.NaN;
    private boolean watchOutside;

    public Rollout(LabRuntime runtime, MetricSource source, CanaryConfig config, Strategy strategy, Settings settings,
            RolloutListener listener) {
        this.runtime = runtime;
        this.source = source;
        this.config = config;
        this.strategy = strategy;
        this.settings = settings;
        this.listener = listener;
        this.webhooks = new Webhooks(strategy.webhooks(), settings.title());
    }

    /** Stops the rollout at its next tick; traffic goes back to stable. Safe from any thread. */
    public void abort(String reason) {
        abortReason = reason;
    }

    /** Runs the rollout of {@code newVersion} to its end and says what happened. */
    public RolloutRecord run(String newVersion) {
        try {
            return runToEnd(newVersion);
        } finally {
            webhooks.close();
        }
    }

    private RolloutRecord runToEnd(String newVersion) {
        this.version = newVersion;
        Instant started = Instant.now();
        RuntimeStatus status = runtime.status();
        TrackStatus stable = status.track(Track.STABLE);
        if (stable == null) {
            throw new LabException(ExitCodes.NOT_READY, "no stable version is running; 'lab up' first");
        }
        stableVersion = stable.version();
        if (stableVersion.equals(newVersion)) {
            throw LabException.badInput(newVersion + " is already stable; roll out another version");
        }
        if (status.track(Track.CANARY) != null) {
            throw LabException.badInput("a canary (" + status.track(Track.CANARY).version()
                    + ") is already deployed; 'lab rollback' or 'lab promote' it first");
        }
        lastSample = started;
        watchOutside = true;
        emit("start", "Rolling out " + newVersion + " over " + stableVersion + " with the " + strategy.kind().label()
                + " strategy '" + strategy.name() + "', judged on " + source.describe() + ".");
        Outcome end;
        try {
            end = strategy.kind() == Strategy.Kind.CANARY ? canary() : blueGreen();
        } catch (Aborted a) {
            end = new Outcome(a.outcome, a.getMessage());
        } catch (RuntimeException e) {
            restore();
            throw e;
        }
        if (end.outcome() != RolloutOutcome.PROMOTED) {
            restore();
        }
        String sentence = end.why() + " " + Narration.action(end.outcome(), stableVersion, newVersion);
        emit(switch (end.outcome()) {
            case PROMOTED -> "promotion";
            case ABORTED -> "abort";
            default -> "rollback";
        }, sentence);
        webhooks.close();
        webhooks.drainWarnings(w -> emit("webhook", w));
        return new RolloutRecord(settings.title(), strategy.kind().label(), stableVersion, newVersion,
                source.describe(), started, Instant.now(), end.outcome(), sentence, steps, analyses, timeline, events);
    }

    private record Outcome(RolloutOutcome outcome, String why) {
    }

    /** Thrown inside the loop when the user (or `lab rollback`) stopped the rollout. */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RolloutOutcome outcome;

        Aborted(String message) {
            this(RolloutOutcome.ABORTED, message);
        }

        Aborted(RolloutOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    /** Thrown inside the loop when `lab promote` promoted the canary during a pause. */
    private static final class PromotedOutside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PromotedOutside() {
            super("promoted with 'lab promote'", null, false, false);
        }
    }

    /**
     * One analysis of what runs now, without deploying or changing traffic: {@code lab analyze}. Ctrl-C
     * ({@link #abort}) ends it with what it has judged so far.
     */
    public RolloutRecord.Analysis analyzeOnly(Strategy.Timing timing, Track baselineTrack, Track canaryTrack) {
        RuntimeStatus status = runtime.status();
        TrackStatus c = status.track(canaryTrack);
        TrackStatus b = status.track(baselineTrack);
        if (c == null || b == null) {
            throw LabException.badInput("nothing is deployed on the " + (c == null ? canaryTrack : baselineTrack).label()
                    + " track; 'lab deploy VERSION --track " + (c == null ? canaryTrack : baselineTrack).label()
                    + "' first");
        }
        version = c.version();
        stableVersion = b.version();
        weight = status.canaryWeight();
        lastSample = Instant.now();
        stepLabel = "analysis";
        AnalysisRun run = new AnalysisRun("analysis", timing, baselineTrack, canaryTrack, null);
        try {
            return analyse(run);
        } catch (Aborted a) {
            if (run.sequential.last() == null) {
                throw new LabException(ExitCodes.INTERRUPTED, a.getMessage() + " Nothing was judged: no look yet.");
            }
            stopped = a.getMessage();
            return run.finish();
        }
    }

    /** Why {@link #analyzeOnly} ended before its lifetime (its result is then what the looks so far say), or null. */
    public String stopped() {
        return stopped;
    }

    /** The data of the latest look (what {@code lab analyze --export} saves for {@code lab judge}). */
    public Map<String, TrackPair> lastData() {
        return lastData;
    }

    /** How long the latest look's samples took to collect, in seconds. */
    public double lastWindowSeconds() {
        return lastWindowSeconds;
    }

    // ---- canary ----

    private Outcome canary() {
        Track baselineTrack = strategy.baseline() ? Track.BASELINE : Track.STABLE;
        startVersions(strategy.baseline());
        int n = strategy.steps().size();
        try {
            for (int i = 0; i < n; i++) {
                Strategy.Step step = strategy.steps().get(i);
                String label = "step " + (i + 1) + "/" + n + ": " + step.describe();
                Instant stepStart = Instant.now();
                stepLabel = label;
                emit("step", label);
                String result = "done";
                if (step instanceof Strategy.Step.SetWeight w) {
                    setWeight(w.percent());
                    if (strategy.background() && background == null) {
                        background = new Background(baselineTrack);
                    }
                } else if (step instanceof Strategy.Step.Pause p) {
                    pause(p.duration());
                } else if (step instanceof Strategy.Step.Analysis a) {
                    RolloutRecord.Analysis done = analyse("step " + (i + 1) + " analysis", a.timing(),
                            baselineTrack, Track.CANARY, null);
                    result = done.verdict().name();
                    steps.add(new RolloutRecord.Step(i + 1, step.describe(), stepStart, Instant.now(), result));
                    if (done.verdict() != Verdict.PASS) {
                        return notPassed(done);
                    }
                    continue;
                }
                if (background != null && background.failed != null) {
                    steps.add(new RolloutRecord.Step(i + 1, step.describe(), stepStart, Instant.now(), "aborted"));
                    return notPassed(background.failed);
                }
                steps.add(new RolloutRecord.Step(i + 1, step.describe(), stepStart, Instant.now(), result));
            }
        } catch (PromotedOutside p) {
            closeBackground();
            return new Outcome(RolloutOutcome.PROMOTED, version + " was promoted with 'lab promote' during a pause.");
        } catch (BackgroundFailed b) {
            steps.add(new RolloutRecord.Step(steps.size() + 1, stepLabel, Instant.now(), Instant.now(), "aborted"));
            return notPassed(background.failed);
        }
        RolloutRecord.Analysis bg = closeBackground();
        boolean stepPassed = analyses.stream().anyMatch(a -> a != bg && a.verdict() == Verdict.PASS);
        if (bg != null && (bg.verdict() == Verdict.FAIL || bg.verdict() == Verdict.ERROR
                || bg.verdict() != Verdict.PASS && !stepPassed)) {
            return notPassed(bg);
        }
        return promote(bg == null ? null : bg.verdict());
    }

    private RolloutRecord.Analysis closeBackground() {
        if (background == null) {
            return null;
        }
        RolloutRecord.Analysis done = background.finish();
        background = null;
        return done;
    }

    private Outcome promote(Verdict backgroundVerdict) {
        stepLabel = "promotion";
        String blocked = webhooks.confirmPromotion(new RolloutRecord.Event(Instant.now(), "promotion",
                "about to promote " + version));
        if (blocked != null) {
            return new Outcome(RolloutOutcome.ROLLED_BACK, "Promotion blocked: " + blocked + ".");
        }
        runtime.promote();
        String analysed = analyses.stream().filter(a -> a.verdict() == Verdict.PASS).map(RolloutRecord.Analysis::name)
                .reduce((a, b) -> a + ", " + b).orElse(null);
        return new Outcome(RolloutOutcome.PROMOTED, analysed == null
                ? "Every step done; no analysis ran in this strategy, so " + version + " is promoted unjudged."
                : version + " passed " + analysed + (backgroundVerdict != null && backgroundVerdict != Verdict.PASS
                        ? " (background analysis " + backgroundVerdict + ", no failure)" : "") + ".");
    }

    private Outcome notPassed(RolloutRecord.Analysis a) {
        RolloutOutcome o = switch (a.verdict()) {
            case FAIL, MARGINAL -> RolloutOutcome.ROLLED_BACK;
            default -> RolloutOutcome.INCONCLUSIVE;
        };
        return new Outcome(o, a.sentence());
    }

    private void startVersions(boolean withBaseline) {
        stepLabel = "deploying " + version;
        if (withBaseline) {
            runtime.deploy(stableVersion, Track.BASELINE, strategy.replicas());
        }
        runtime.deploy(version, Track.CANARY, strategy.replicas());
        emit("deploy", "Deployed " + version + (strategy.kind() == Strategy.Kind.BLUE_GREEN ? " beside "
                + stableVersion : " as the canary") + (withBaseline ? " and a fresh baseline of "
                + stableVersion : "") + " (" + strategy.replicas() + " replica" + (strategy.replicas() == 1 ? "" : "s")
                + " each), no traffic yet.");
        Instant deadline = Instant.now().plus(settings.readyTimeout());
        waitUntil(deadline, () -> {
            RuntimeStatus s = runtime.status();
            return ready(s.track(Track.CANARY)) && (!withBaseline || ready(s.track(Track.BASELINE)));
        });
        RuntimeStatus s = runtime.status();
        if (!ready(s.track(Track.CANARY)) || withBaseline && !ready(s.track(Track.BASELINE))) {
            TrackStatus c = s.track(Track.CANARY);
            throw new Aborted(RolloutOutcome.ROLLED_BACK, version + " did not become ready within " + Durations.format(settings.readyTimeout())
                    + (c == null ? "" : " (" + c.ready() + "/" + c.desired() + " ready, " + c.restarts()
                            + " restarts, " + c.health() + ")"));
        }
    }

    private static boolean ready(TrackStatus t) {
        return t != null && t.ready() >= t.desired();
    }

    private void setWeight(int percent) {
        runtime.setWeight(percent);
        weight = percent;
        int stable = 100 - percent * (strategy.baseline() && strategy.kind() == Strategy.Kind.CANARY ? 2 : 1);
        emit("weight", percent + "% of traffic to " + version + (strategy.baseline() && strategy.kind()
                == Strategy.Kind.CANARY ? ", " + percent + "% to the baseline" : "") + ", " + stable + "% to stable "
                + stableVersion + ".");
    }

    private void pause(Duration d) {
        if (d != null) {
            waitUntil(Instant.now().plus(d), () -> false);
            return;
        }
        emit("pause", "Paused until promoted: run 'lab promote'" + (settings.promptEnter() ? " or press Enter" : "")
                + " to go on, 'lab rollback' to stop.");
        waitUntil(Instant.MAX, () -> settings.promptEnter() && enterPressed());
    }

    private static boolean enterPressed() {
        try {
            while (System.in.available() > 0) {
                if (System.in.read() == '\n') {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    // ---- blue-green ----

    private Outcome blueGreen() {
        Strategy.BlueGreen bg = strategy.blueGreen();
        // A fresh baseline of the active version beside the preview: both get the same smoke traffic, so the
        // pre-promotion analysis compares like with like (same requests, equally warm JVMs).
        boolean withBaseline = bg.prePromotion() != null;
        startVersions(withBaseline);
        RuntimeStatus status = runtime.status();
        emit("preview", version + " is reachable on the preview route (header " + PreviewTraffic.HEADER
                + ": canary at " + status.routerUrl() + "); users still get " + stableVersion + ".");
        if (bg.prePromotion() != null) {
            stepLabel = "pre-promotion analysis";
            Instant s = Instant.now();
            RolloutRecord.Analysis pre;
            try (PreviewTraffic preview = new PreviewTraffic(status.routerUrl(), bg.previewRate(),
                    List.of(Track.BASELINE, Track.CANARY))) {
                emit("step", "Pre-promotion analysis: " + bg.previewRate() + " requests/s on the preview route, shared"
                        + " by " + version + " and a fresh baseline of " + stableVersion + ", " + bg.prePromotion()
                        .describe() + (bg.prePromotion().power() != null && bg.prePromotion().power() == 0
                                ? " (a smoke test: it fails on evident regressions only)" : "") + ".");
                pre = analyse("pre-promotion analysis", bg.prePromotion(), Track.BASELINE, Track.CANARY, null);
            }
            steps.add(new RolloutRecord.Step(1, "pre-promotion analysis " + bg.prePromotion().describe(), s,
                    Instant.now(), pre.verdict().name()));
            if (pre.verdict() != Verdict.PASS) {
                return notPassed(pre);
            }
            runtime.deploy(stableVersion, Track.BASELINE, 0);
        }
        if (!bg.autoPromotionDelay().isZero()) {
            stepLabel = "waiting before the switch";
            pause(bg.autoPromotionDelay());
        }
        String blocked = webhooks.confirmPromotion(new RolloutRecord.Event(Instant.now(), "promotion",
                "about to switch traffic to " + version));
        if (blocked != null) {
            return new Outcome(RolloutOutcome.ROLLED_BACK, "Switch blocked: " + blocked + ".");
        }
        Instant switched = Instant.now();
        Instant before = switched.minus(bg.postPromotion() == null ? Duration.ZERO : bg.postPromotion().lifetime());
        stepLabel = "switch";
        setWeight(100);
        emit("step", "Switched: 100% of traffic to " + version + "; " + stableVersion
                + " keeps running for an instant switch back.");
        steps.add(new RolloutRecord.Step(steps.size() + 1, "switch traffic", switched, Instant.now(), "done"));
        if (bg.postPromotion() != null) {
            stepLabel = "post-promotion analysis";
            Instant s = Instant.now();
            RolloutRecord.Analysis post = analyse("post-promotion analysis", bg.postPromotion(), Track.STABLE,
                    Track.CANARY, new Instant[] {before, switched});
            steps.add(new RolloutRecord.Step(steps.size() + 1, "post-promotion analysis "
                    + bg.postPromotion().describe(), s, Instant.now(), post.verdict().name()));
            if (post.verdict() != Verdict.PASS) {
                setWeight(0);
                return notPassed(post);
            }
        }
        runtime.promote();
        return new Outcome(RolloutOutcome.PROMOTED, version + " passed " + analyses.stream()
                .map(RolloutRecord.Analysis::name).reduce((a, b) -> a + " and " + b).orElse("no analysis") + ".");
    }

    // ---- analysis ----

    /**
     * Runs one analysis to its end: a look every interval, stopping early on a failure, extended when
     * INCONCLUSIVE and extensions are left.
     *
     * @param baselineWindow a fixed [from, to) for the baseline's data (post-promotion: the old version's last
     *                       minutes), or null to read both tracks over the same growing window
     */
    private RolloutRecord.Analysis analyse(String name, Strategy.Timing timing, Track baselineTrack, Track canaryTrack,
            Instant[] baselineWindow) {
        return analyse(new AnalysisRun(name, timing, baselineTrack, canaryTrack, baselineWindow));
    }

    private RolloutRecord.Analysis analyse(AnalysisRun run) {
        String name = run.name;
        Strategy.Timing timing = run.timing;
        Track baselineTrack = run.baselineTrack;
        emit("analysis", "Started " + name + ": " + version + " vs " + versionOf(baselineTrack) + ", a look "
                + timing.describe() + ".");
        current = run;
        try {
            while (true) {
                Instant nextLook = run.nextLook();
                waitUntil(nextLook, () -> false);
                if (run.look()) {
                    break;
                }
            }
        } finally {
            current = null;
        }
        RolloutRecord.Analysis done = run.finish();
        analyses.add(done);
        emit("verdict", name + ": " + done.sentence());
        listener.analysed(done);
        return done;
    }

    private String versionOf(Track track) {
        return track == Track.CANARY ? version : stableVersion;
    }

    /** One analysis in progress. */
    private final class AnalysisRun {
        final String name;
        final Track baselineTrack;
        final Track canaryTrack;
        final Instant[] baselineWindow;
        final Instant start;
        final CanaryConfig runConfig;
        final SequentialAnalysis sequential;
        final Strategy.Timing timing;
        final List<RolloutRecord.Look> looks = new ArrayList<>();
        int extensionsLeft = strategy.extensions();
        int lookNumber;
        Map<String, String> queries = Map.of();
        List<String> notes = List.of();
        Map<Track, Long> counts = Map.of();

        AnalysisRun(String name, Strategy.Timing timing, Track baselineTrack, Track canaryTrack,
                Instant[] baselineWindow) {
            this.name = name;
            this.timing = timing;
            this.baselineTrack = baselineTrack;
            this.canaryTrack = canaryTrack;
            this.baselineWindow = baselineWindow;
            this.start = Instant.now();
            AnalysisPlan p = config.plan();
            CanaryConfig planned = config.withPlan(new AnalysisPlan(timing.interval(), timing.lifetime(), p.lookback(),
                    p.window(), p.warmup()));
            this.runConfig = timing.power() == null ? planned : planned.withPower(timing.power());
            this.sequential = new SequentialAnalysis(runConfig);
        }

        Instant nextLook() {
            return start.plusMillis(Math.round(runConfig.plan().lookSeconds(lookNumber + 1) * 1000));
        }

        double elapsed() {
            return Duration.between(start, Instant.now()).toMillis() / 1000.0;
        }

        /** Looks once; true when the analysis is over. */
        boolean look() {
            lookNumber++;
            double at = elapsed();
            double from = runConfig.plan().windowStartSeconds(at);
            Instant windowFrom = start.plusMillis(Math.round(from * 1000));
            Instant now = Instant.now();
            Map<String, TrackPair> data = new LinkedHashMap<>();
            Map<String, String> q = new LinkedHashMap<>();
            LinkedHashSet<String> n = new LinkedHashSet<>();
            Instant bFrom = baselineWindow == null ? windowFrom : baselineWindow[0];
            Instant bTo = baselineWindow == null ? now : baselineWindow[1];
            long canaryRequests = 0;
            long baselineRequests = 0;
            for (MetricSpec spec : runConfig.metrics()) {
                Reading b = source.read(spec, baselineTrack, bFrom, bTo);
                Reading c = source.read(spec, canaryTrack, windowFrom, now);
                data.put(spec.name(), new TrackPair(b.data(), c.data()));
                q.put(spec.name(), c.query());
                if (c.note() != null) {
                    n.add(spec.name() + ": " + c.note());
                }
                if (c.data() instanceof MetricData.Counts cc && b.data() instanceof MetricData.Counts bc) {
                    canaryRequests = Math.max(canaryRequests, cc.total());
                    baselineRequests = Math.max(baselineRequests, bc.total());
                }
            }
            if (baselineWindow != null) {
                n.add("baseline data is " + stableVersion + "'s traffic in the " + Durations.format(
                        Duration.between(bFrom, bTo)) + " before the switch; " + version + "'s is since the switch");
            }
            queries = q;
            notes = List.copyOf(n);
            Map<Track, Long> cnt = new EnumMap<>(Track.class);
            cnt.put(baselineTrack, baselineRequests);
            cnt.put(canaryTrack, canaryRequests);
            counts = cnt;
            lastData = data;
            lastWindowSeconds = at - from;
            Judgement j = sequential.look(data, at, at - from);
            looks.add(new RolloutRecord.Look(now, lookNumber, j.verdict(), j.score()));
            listener.look(name, j);
            if (sequential.finished()) {
                return true;
            }
            double end = sequential.endSeconds();
            double interval = timing.interval().toMillis() / 1000.0;
            boolean lastComing = at + interval >= end - 1e-6;
            // Extend while there is budget left to spend: when the next look is the last, or when the open
            // metrics need more time than the second half of the lifetime has left (the budget not yet spent is
            // spread over the new end).
            double needed = j.results().stream().map(MetricResult::needSeconds).filter(s -> s != null)
                    .mapToDouble(Double::doubleValue).max().orElse(0);
            boolean tooShort = needed > end - at && at >= end / 2;
            if ((lastComing || tooShort) && j.verdict() == Verdict.INCONCLUSIVE && extensionsLeft > 0) {
                extensionsLeft--;
                sequential.extend(at, timing.lifetime().toMillis() / 1000.0);
                emit("analysis", name + " is not conclusive yet (" + j.reason() + "); extended by "
                        + Durations.format(timing.lifetime()) + " instead of deciding without evidence.");
            }
            return false;
        }

        RolloutRecord.Analysis finish() {
            Judgement last = sequential.last();
            String sentence = Narration.verdict(last, version, versionOf(baselineTrack));
            return new RolloutRecord.Analysis(name, baselineTrack, canaryTrack, start, Instant.now(), last.verdict(),
                    sentence, last, looks, queries, notes);
        }

        RolloutListener.Progress progress() {
            return new RolloutListener.Progress(stepLabel, weight, name, elapsed(), sequential.endSeconds(), counts,
                    sequential.last());
        }
    }

    /** The background analysis: looks across all steps and only ever stops the rollout on a failure. */
    private final class Background {
        final AnalysisRun run;
        Instant next;
        RolloutRecord.Analysis failed;

        Background(Track baselineTrack) {
            double total = strategy.steps().stream().mapToDouble(s -> s instanceof Strategy.Step.Pause p
                    && p.duration() != null ? p.duration().toMillis() / 1000.0 : s instanceof Strategy.Step.Analysis a
                            ? a.timing().lifetime().toMillis() / 1000.0 : 0).sum();
            Duration lifetime = Duration.ofMillis(Math.max(strategy.analysis().interval().toMillis(),
                    Math.round(total * 1000)));
            run = new AnalysisRun("background analysis", new Strategy.Timing(strategy.analysis().interval(), lifetime),
                    baselineTrack, Track.CANARY, null);
            run.extensionsLeft = 0;
            next = run.nextLook();
            emit("analysis", "Background analysis runs through every step: a look every "
                    + Durations.format(strategy.analysis().interval()) + ", stopping the rollout on a failure.");
        }

        void tick() {
            if (failed != null || Instant.now().isBefore(next)) {
                return;
            }
            boolean over = run.look();
            next = run.nextLook();
            Judgement j = run.sequential.last();
            if (j.verdict() == Verdict.FAIL) {
                failed = finish();
                throw new BackgroundFailed();
            }
            if (over) {
                next = Instant.MAX;
            }
        }

        RolloutRecord.Analysis finish() {
            if (failed != null) {
                return failed;
            }
            if (run.sequential.last() == null) {
                run.look();
            }
            RolloutRecord.Analysis done = run.finish();
            analyses.add(done);
            emit("verdict", "background analysis: " + done.sentence());
            listener.analysed(done);
            return done;
        }
    }

    private static final class BackgroundFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BackgroundFailed() {
            super("background analysis failed", null, false, false);
        }
    }

    // ---- the loop ----

    /**
     * Waits until {@code deadline} or until {@code done} says so, ticking: the timeline, the background analysis,
     * progress, and changes made from outside (abort, `lab promote`, `lab rollback`).
     */
    private void waitUntil(Instant deadline, BooleanSupplier done) {
        while (true) {
            if (abortReason != null) {
                throw new Aborted("Stopped: " + abortReason + ".");
            }
            sample();
            if (background != null) {
                background.tick();
            }
            webhooks.drainWarnings(w -> emit("webhook", w));
            listener.tick(progress());
            if (done.getAsBoolean() || !Instant.now().isBefore(deadline)) {
                return;
            }
            long left = deadline.equals(Instant.MAX) ? TICK_MILLIS
                    : Math.min(TICK_MILLIS, Duration.between(Instant.now(), deadline).toMillis());
            try {
                Thread.sleep(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted("Stopped: interrupted.");
            }
        }
    }

    private RolloutListener.Progress progress() {
        if (current != null) {
            return current.progress();
        }
        if (background != null) {
            return background.run.progress();
        }
        return new RolloutListener.Progress(stepLabel, weight, null, 0, 0, Map.of(), null);
    }

    /** One timeline point per second; also notices promotions and rollbacks made with other commands. */
    private void sample() {
        Instant now = Instant.now();
        if (Duration.between(lastSample, now).toMillis() < 1000) {
            return;
        }
        RuntimeStatus status = runtime.status();
        TrackStatus canary = status.track(Track.CANARY);
        TrackStatus stable = status.track(Track.STABLE);
        if (watchOutside && (stepLabel.startsWith("step") || stepLabel.contains("analysis"))) {
            if (stable != null && stable.version().equals(version)) {
                throw new PromotedOutside();
            }
            if (canary == null) {
                throw new Aborted("Stopped: the canary was removed ('lab rollback').");
            }
        }
        Map<Track, RolloutRecord.TrackPoint> points = new EnumMap<>(Track.class);
        for (TrackStatus t : status.tracks()) {
            RequestWindow w = runtime.telemetry().requests(t.track(), lastSample, now);
            double[] sorted = w.latenciesMs();
            Arrays.sort(sorted);
            Stats s = Stats.ofSorted(sorted);
            points.put(t.track(), new RolloutRecord.TrackPoint(t.version(), w.total(), w.errors(), s.p50(), s.p95(),
                    s.p99(), t.restarts()));
        }
        timeline.add(new RolloutRecord.TimePoint(now, weight, points));
        lastSample = now;
    }

    private void emit(String type, String message) {
        RolloutRecord.Event e = new RolloutRecord.Event(Instant.now(), type, message);
        events.add(e);
        listener.event(e);
        if (!type.equals("webhook")) {
            webhooks.notify(e);
        }
    }

    /** Traffic back to stable and the new version removed, whatever state the rollout was in. */
    private void restore() {
        try {
            runtime.rollback();
        } catch (RuntimeException e) {
            emit("rollback", "could not restore traffic to stable: " + e.getMessage());
        }
    }
}
