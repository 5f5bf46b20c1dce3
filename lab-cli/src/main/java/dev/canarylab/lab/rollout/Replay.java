package dev.canarylab.lab.rollout;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.Judgement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Plays a recorded rollout back to a listener (the narrator, the dashboard's feed) as it happened, at a chosen
 * speed, with no runtime at all: the recorded events in their order, and every look judged again by today's
 * judge on the recorded samples. The verdict events carry the sentences of today's judgements, so a replay says
 * exactly what a run with today's judge would have said; where that differs from the recording,
 * {@link Result#differences} says how.
 */
public final class Replay {

    private static final long TICK_MILLIS = 250;

    /**
     * What the replay decided.
     *
     * @param analyses    every analysis as today's judge ends it, in the recorded order
     * @param events      the events as the replay told them (verdict events with today's sentences)
     * @param differences one line per look, verdict or sentence that differs from the recording; empty when alike
     */
    public record Result(List<RolloutRecord.Analysis> analyses, List<RolloutRecord.Event> events,
            List<String> differences) {
    }

    private record Cue(Instant time, int order, Runnable action) {
    }

    private final RolloutRecord record;
    private final double speed;
    private final RolloutListener listener;
    private final ReplayClock clock;
    private final List<AnalysisReplay> analyses = new ArrayList<>();
    private final List<RolloutRecord.Analysis> ended = new ArrayList<>();
    private final List<RolloutRecord.Event> told = new ArrayList<>();
    private String step = "starting";
    private int weight;

    /**
     * @param speed how many recorded seconds pass in one second; infinite for as fast as it goes
     * @param clock set to each moment replayed (see {@link #clockOf})
     * @throws LabException bad input when the record holds no replay data (a report of an older lab)
     */
    public Replay(RolloutRecord record, double speed, RolloutListener listener, ReplayClock clock) {
        requireData(record);
        this.record = record;
        this.speed = speed;
        this.listener = listener;
        this.clock = clock;
        record.analyses().forEach(a -> analyses.add(new AnalysisReplay(a)));
    }

    /** A clock at the recorded start, for the narrator and the dashboard. */
    public static ReplayClock clockOf(RolloutRecord record) {
        return new ReplayClock(start(record));
    }

    private static Instant start(RolloutRecord r) {
        if (r.started() != null) {
            return r.started();
        }
        return r.events().isEmpty() ? Instant.EPOCH : r.events().get(0).time();
    }

    /** @throws LabException bad input when some analysis or look has no replay data */
    public static void requireData(RolloutRecord r) {
        boolean complete = r.analyses().stream().allMatch(a -> a.setup() != null
                && a.looks().stream().allMatch(l -> l.input() != null && l.time() != null))
                && r.events().stream().allMatch(e -> e.time() != null);
        if (!complete) {
            throw LabException.badInput("the report has no replay data (a report of an older lab, before lab replay);"
                    + " record the rollout again with this version");
        }
    }

    public Result run() {
        List<Cue> cues = new ArrayList<>();
        for (AnalysisReplay a : analyses) {
            for (RolloutRecord.Look l : a.recorded().looks()) {
                cues.add(new Cue(l.time(), 0, () -> look(a, l)));
            }
        }
        int verdicts = 0;
        for (RolloutRecord.Event e : record.events()) {
            // the k-th verdict event ends the k-th analysis: the engine records an analysis, then announces it
            AnalysisReplay ends = e.type() == EventType.VERDICT && verdicts < analyses.size()
                    ? analyses.get(verdicts++) : null;
            cues.add(new Cue(e.time(), 1, () -> event(e, ends)));
        }
        cues.sort(Comparator.comparing(Cue::time).thenComparingInt(Cue::order)); // stable: recorded order on ties
        long wallStart = System.nanoTime();
        Instant start = start(record);
        for (Cue c : cues) {
            waitFor(c.time(), start, wallStart);
            clock.set(c.time());
            c.action().run();
        }
        for (int i = verdicts; i < analyses.size(); i++) {
            ended.add(analyses.get(i).finish());
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < analyses.size(); i++) {
            differences.addAll(analyses.get(i).differences(ended.get(i)));
        }
        return new Result(ended, told, differences);
    }

    private void look(AnalysisReplay a, RolloutRecord.Look l) {
        Judgement j = a.look(l);
        listener.look(a.recorded().name(), j);
        if (a.lastShadows() != null) {
            listener.shadowed(a.lastShadows());
        }
    }

    private void event(RolloutRecord.Event e, AnalysisReplay ends) {
        RolloutRecord.Event now = e;
        RolloutRecord.Analysis done = null;
        if (ends != null) {
            done = ends.finish();
            ended.add(done);
            now = new RolloutRecord.Event(e.time(), e.type(), Narration.analysisEnded(done.name(), done.sentence()),
                    e.subject());
        }
        if (e.type() == EventType.STEP) {
            step = e.message();
        }
        told.add(now);
        listener.event(now);
        if (done != null) {
            listener.analysed(done);
        }
    }

    /** Waits (ticking the listener) until the wall clock reaches recorded time {@code t} at this speed. */
    private void waitFor(Instant t, Instant start, long wallStart) {
        if (Double.isInfinite(speed)) {
            return;
        }
        long target = wallStart + Math.round(Duration.between(start, t).toNanos() / speed);
        while (true) {
            long now = System.nanoTime();
            Instant at = start.plusNanos(Math.round((now - wallStart) * speed));
            clock.set(at.isAfter(t) ? t : at);
            listener.tick(progress(clock.instant()));
            if (now >= target) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(TICK_MILLIS, (target - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException(ExitCodes.INTERRUPTED, "replay interrupted");
            }
        }
    }

    /** Where the recorded rollout was at {@code t}: its step, weight and running analysis. */
    private RolloutListener.Progress progress(Instant t) {
        for (RolloutRecord.TimePoint p : record.timeline()) {
            if (p.time().isAfter(t)) {
                break;
            }
            weight = p.canaryWeight();
        }
        for (AnalysisReplay a : analyses) {
            RolloutRecord.Analysis r = a.recorded();
            if (!t.isBefore(r.started()) && t.isBefore(r.ended())) {
                return a.progress(step, weight, Duration.between(r.started(), t).toMillis() / 1000.0);
            }
        }
        return new RolloutListener.Progress(step, weight, null, 0, 0, Map.of(), null);
    }
}
