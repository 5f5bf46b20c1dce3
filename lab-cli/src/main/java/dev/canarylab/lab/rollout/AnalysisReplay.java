package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.SequentialAnalysis;
import dev.canarylab.lab.analysis.TrackPair;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.runtime.Track;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One recorded analysis judged again, look by look, by today's judge on the samples it recorded, with the
 * config and extensions it ran with. Comparing with the recording says whether today's judge decides alike.
 */
final class AnalysisReplay {

    private final RolloutRecord.Analysis recorded;
    private final RolloutRecord.Setup setup;
    private final SequentialAnalysis sequential;
    private final ShadowJudges shadows;
    private final Set<String> stopped = new HashSet<>();
    private RolloutListener.Shadows lastShadows;
    private final List<RolloutRecord.Look> looks = new ArrayList<>();
    private Map<Track, Long> requests = Map.of();

    AnalysisReplay(RolloutRecord.Analysis recorded) {
        this.recorded = recorded;
        this.setup = recorded.setup();
        this.sequential = new SequentialAnalysis(setup.config());
        this.shadows = new ShadowJudges(setup.config());
    }

    RolloutRecord.Analysis recorded() {
        return recorded;
    }

    /** Judges the recorded look {@code l} again (the looks in their order), extending where the run did. */
    Judgement look(RolloutRecord.Look l) {
        RolloutRecord.LookInput in = l.input();
        Judgement j = sequential.look(in.data(), in.elapsedSeconds(), in.windowSeconds());
        List<ShadowVerdict> shadow = l.shadowSamples() == null ? List.of() : shadows.judge(l.shadowSamples());
        looks.add(new RolloutRecord.Look(l.time(), l.number(), j.verdict(), j.score(), in, shadow,
                l.shadowSamples()));
        boolean last = l == recorded.looks().get(recorded.looks().size() - 1);
        Set<String> disagreeing = new LinkedHashSet<>();
        for (ShadowVerdict v : shadow) {
            if (ShadowJudges.disagrees(v, j.verdict(), last, stopped.contains(v.judge()))) {
                disagreeing.add(v.judge());
            }
        }
        shadow.stream().filter(ShadowVerdict::stops).forEach(v -> stopped.add(v.judge()));
        lastShadows = shadow.isEmpty() ? null
                : new RolloutListener.Shadows(recorded.name(), l.number(), j.verdict(), shadow, disagreeing);
        if (setup.extendedAfter().contains(l.number())) {
            sequential.extend(in.elapsedSeconds(), setup.extensionSeconds());
        }
        long baseline = 0;
        long canary = 0;
        for (TrackPair p : in.data().values()) {
            if (p.baseline() instanceof MetricData.Counts b && p.canary() instanceof MetricData.Counts c) {
                baseline = Math.max(baseline, b.total());
                canary = Math.max(canary, c.total());
            }
        }
        Map<Track, Long> counts = new EnumMap<>(Track.class);
        counts.put(recorded.baseline(), baseline);
        counts.put(recorded.canary(), canary);
        requests = counts;
        return j;
    }

    /** The shadow judges' verdicts of the last look judged again, or null when the recording has none. */
    RolloutListener.Shadows lastShadows() {
        return lastShadows;
    }

    /** The analysis as today's judge ends it; call after every look. */
    RolloutRecord.Analysis finish() {
        Judgement last = sequential.last();
        String sentence = last == null ? null : Narration.verdict(last, setup.canaryVersion(), setup.baselineVersion());
        return new RolloutRecord.Analysis(recorded.name(), recorded.baseline(), recorded.canary(), recorded.started(),
                recorded.ended(), last == null ? null : last.verdict(), sentence, last, looks, recorded.queries(),
                recorded.notes(), setup);
    }

    /** Where the analysis stands {@code elapsed} seconds in, for the status line and the dashboard. */
    RolloutListener.Progress progress(String step, int weight, double elapsed) {
        return new RolloutListener.Progress(step, weight, recorded.name(), elapsed, sequential.endSeconds(), requests,
                sequential.last());
    }

    /** One line per way in which {@code replayed} (from {@link #finish}) decides otherwise than the recording. */
    List<String> differences(RolloutRecord.Analysis replayed) {
        List<String> out = new ArrayList<>();
        String name = recorded.name();
        for (int i = 0; i < recorded.looks().size(); i++) {
            RolloutRecord.Look was = recorded.looks().get(i);
            RolloutRecord.Look now = replayed.looks().get(i);
            if (was.verdict() != now.verdict() || Double.compare(was.score(), now.score()) != 0) {
                out.add(name + ", look " + was.number() + ": recorded " + was.verdict() + " (score "
                        + Format.number(was.score()) + "), replayed " + now.verdict() + " (score "
                        + Format.number(now.score()) + ")");
            }
            if (!was.shadow().equals(now.shadow())) {
                out.add(name + ", look " + was.number() + ": recorded shadow judges " + was.shadow().stream()
                        .map(ShadowVerdict::line).toList() + ", replayed " + now.shadow().stream()
                        .map(ShadowVerdict::line).toList());
            }
        }
        if (recorded.verdict() != replayed.verdict()) {
            out.add(name + ": recorded verdict " + recorded.verdict() + ", replayed " + replayed.verdict());
        }
        if (!Objects.equals(recorded.sentence(), replayed.sentence())) {
            out.add(name + ": recorded \"" + recorded.sentence() + "\", replayed \"" + replayed.sentence() + "\"");
        }
        return out;
    }
}
