package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.SequentialAnalysis;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One analysis of the new version against a baseline: a look every interval, stopping early on a failure,
 * extended when INCONCLUSIVE and extensions are left (Argo's AnalysisRun).
 */
final class AnalysisRun {

    private final RolloutContext ctx;
    final String name;
    private final Track baselineTrack;
    private final Track canaryTrack;
    private final Instant[] baselineWindow;
    private final Instant start;
    private final CanaryConfig runConfig;
    final SequentialAnalysis sequential;
    private final Strategy.Timing timing;
    private final List<RolloutRecord.Look> looks = new ArrayList<>();
    private int extensionsLeft;
    private int lookNumber;
    private Map<String, String> queries = Map.of();
    private List<String> notes = List.of();
    private Map<Track, Long> counts = Map.of();
    private final List<Integer> extendedAfter = new ArrayList<>();
    private final ShadowLooks shadows;

    /**
     * @param baselineWindow a fixed [from, to) for the baseline's data (post-promotion: the old version's last
     *                       minutes), or null to read both tracks over the same growing window
     */
    AnalysisRun(RolloutContext ctx, String name, Strategy.Timing timing, Track baselineTrack, Track canaryTrack,
            Instant[] baselineWindow, int extensions) {
        this.ctx = ctx;
        this.name = name;
        this.timing = timing;
        this.baselineTrack = baselineTrack;
        this.canaryTrack = canaryTrack;
        this.baselineWindow = baselineWindow;
        this.extensionsLeft = extensions;
        this.start = Instant.now();
        AnalysisPlan p = ctx.config.plan();
        CanaryConfig planned = ctx.config.withPlan(new AnalysisPlan(timing.interval(), timing.lifetime(),
                p.lookback(), p.window(), p.warmup()));
        this.runConfig = timing.power() == null ? planned : planned.withPower(timing.power());
        this.sequential = new SequentialAnalysis(runConfig);
        this.shadows = new ShadowLooks(ctx, name, runConfig, start, baselineTrack, canaryTrack, baselineWindow);
    }

    /**
     * How a run ended: its analysis (recorded, the listener told), or why a wait stopped it first.
     * Exactly one of the two is set.
     */
    record Ended(RolloutRecord.Analysis analysis, Stop stop) {
    }

    /** Runs one analysis to its end, records it and tells the listener. */
    static Ended run(RolloutContext ctx, String name, Strategy.Timing timing, Track baselineTrack,
            Track canaryTrack, Instant[] baselineWindow) {
        return run(ctx, new AnalysisRun(ctx, name, timing, baselineTrack, canaryTrack, baselineWindow,
                ctx.strategy.extensions()));
    }

    /** Runs {@code run} to its end, records it and tells the listener. */
    static Ended run(RolloutContext ctx, AnalysisRun run) {
        String name = run.name;
        Strategy.Timing timing = run.timing;
        Track baselineTrack = run.baselineTrack;
        ctx.emit(EventType.ANALYSIS, Narration.analysisStarted(name, ctx.version, ctx.versionOf(baselineTrack),
                timing.describe()));
        ctx.current = run;
        try {
            while (true) {
                Optional<Stop> stop = ctx.ticker.waitUntil(run.nextLook(), () -> false);
                if (stop.isPresent()) {
                    return new Ended(null, stop.get());
                }
                if (run.look()) {
                    break;
                }
            }
        } finally {
            ctx.current = null;
        }
        RolloutRecord.Analysis done = run.finish();
        ctx.analyses.add(done);
        ctx.emit(EventType.VERDICT, Narration.analysisEnded(name, done.sentence()));
        ctx.listener.analysed(done);
        return new Ended(done, null);
    }

    Instant nextLook() {
        return start.plusMillis(Math.round(runConfig.plan().lookSeconds(lookNumber + 1) * 1000));
    }

    private double elapsed() {
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
            Reading b = ctx.source.read(spec, baselineTrack, bFrom, bTo);
            Reading c = ctx.source.read(spec, canaryTrack, windowFrom, now);
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
            n.add(Narration.baselineBeforeSwitch(ctx.stableVersion, Duration.between(bFrom, bTo), ctx.version));
        }
        queries = q;
        notes = List.copyOf(n);
        Map<Track, Long> cnt = new EnumMap<>(Track.class);
        cnt.put(baselineTrack, baselineRequests);
        cnt.put(canaryTrack, canaryRequests);
        counts = cnt;
        ctx.lastData = data;
        ctx.lastWindowSeconds = at - from;
        Judgement j = sequential.look(data, at, at - from);
        ShadowLooks.Seen shadow = shadows.look(lookNumber, at, from, j, sequential.finished());
        looks.add(new RolloutRecord.Look(now, lookNumber, j.verdict(), j.score(),
                new RolloutRecord.LookInput(at, at - from, data), shadow.verdicts(), shadow.samples()));
        ctx.listener.look(name, j);
        if (sequential.finished()) {
            return true;
        }
        extendIfUndecided(j, at);
        return false;
    }

    /**
     * Extends while there is budget left to spend: when the next look is the last, or when the open metrics need
     * more time than the second half of the lifetime has left (the budget not yet spent is spread over the new end).
     */
    private void extendIfUndecided(Judgement j, double at) {
        double end = sequential.endSeconds();
        double interval = timing.interval().toMillis() / 1000.0;
        boolean lastComing = at + interval >= end - 1e-6;
        double needed = j.results().stream().map(MetricResult::needSeconds).filter(s -> s != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        boolean tooShort = needed > end - at && at >= end / 2;
        if ((lastComing || tooShort) && j.verdict() == Verdict.INCONCLUSIVE
                && extensionsLeft > 0) {
            extensionsLeft--;
            extendedAfter.add(lookNumber);
            sequential.extend(at, timing.lifetime().toMillis() / 1000.0);
            ctx.emit(EventType.ANALYSIS, Narration.extended(name, j.reason(), timing.lifetime()));
        }
    }

    RolloutRecord.Analysis finish() {
        Judgement last = sequential.last();
        String sentence = Narration.verdict(last, ctx.version, ctx.versionOf(baselineTrack));
        return new RolloutRecord.Analysis(name, baselineTrack, canaryTrack, start, Instant.now(), last.verdict(),
                sentence, last, looks, queries, notes, new RolloutRecord.Setup(runConfig, ctx.version,
                        ctx.versionOf(baselineTrack), timing.lifetime().toMillis() / 1000.0, extendedAfter));
    }

    RolloutListener.Progress progress() {
        return new RolloutListener.Progress(ctx.label, ctx.weight, name, elapsed(), sequential.endSeconds(), counts,
                sequential.last());
    }
}
