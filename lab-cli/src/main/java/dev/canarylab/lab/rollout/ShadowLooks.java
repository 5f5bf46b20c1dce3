package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shadow judges of one live analysis: at each look, samples what they judge, judges it, and narrates the
 * look when one of them disagrees with the lab. A shadow never changes the lab's verdict, and a failure to read
 * its samples costs only its verdicts.
 */
final class ShadowLooks {

    /** A look's shadow verdicts and the samples they judged (null when none could be read). */
    record Seen(List<ShadowVerdict> verdicts, LookSamples samples) {
        static final Seen NONE = new Seen(List.of(), null);
    }

    private final RolloutContext ctx;
    private final String analysis;
    private final ShadowSampler sampler;
    private final ShadowJudges judges;
    private final Track baseline;
    private final Track canary;
    private final Instant[] baselineWindow;
    private final Set<String> stopped = new HashSet<>();

    ShadowLooks(RolloutContext ctx, String analysis, CanaryConfig runConfig, Instant start, Track baseline,
            Track canary, Instant[] baselineWindow) {
        this.ctx = ctx;
        this.analysis = analysis;
        this.sampler = new ShadowSampler(ctx.source, runConfig, start);
        this.judges = new ShadowJudges(runConfig);
        this.baseline = baseline;
        this.canary = canary;
        this.baselineWindow = baselineWindow;
    }

    /** Look {@code number}, made {@code at} seconds into the analysis over samples since {@code from}. */
    Seen look(int number, double at, double from, Judgement lab, boolean last) {
        LookSamples samples;
        List<ShadowVerdict> verdicts;
        try {
            samples = sampler.sample(number, at, from, baseline, canary, baselineWindow);
            verdicts = judges.judge(samples);
        } catch (RuntimeException e) {
            return Seen.NONE;
        }
        Set<String> disagreeing = new LinkedHashSet<>();
        for (ShadowVerdict v : verdicts) {
            if (ShadowJudges.disagrees(v, lab.verdict(), last, stopped.contains(v.judge()))) {
                disagreeing.add(v.judge());
            }
        }
        if (!disagreeing.isEmpty()) {
            ctx.emit(EventType.SHADOW, line(analysis, number, verdicts, disagreeing, lab,
                    ctx.version, ctx.versionOf(baseline)));
        }
        verdicts.stream().filter(ShadowVerdict::stops).forEach(v -> stopped.add(v.judge()));
        ctx.listener.shadowed(new RolloutListener.Shadows(analysis, number, lab.verdict(), verdicts, disagreeing));
        return new Seen(verdicts, samples);
    }

    /**
     * "step 4 analysis, look 3: Flagger: PASS (success rate 100% >= 99%, p99 262 ms <= 500 ms); canary-lab: FAIL,
     * v3 is slower (latency): mean ...".
     */
    static String line(String analysis, int number, List<ShadowVerdict> verdicts, Set<String> disagreeing,
            Judgement lab, String version, String baselineVersion) {
        String shadows = verdicts.stream().filter(v -> disagreeing.contains(v.judge())).map(ShadowVerdict::line)
                .collect(Collectors.joining("; "));
        return analysis + ", look " + number + ": " + shadows + "; canary-lab: " + lab.verdict() + ", "
                + labWhy(lab, version, baselineVersion);
    }

    private static String labWhy(Judgement lab, String version, String baselineVersion) {
        String why = Narration.evidence(lab, version, baselineVersion);
        return lab.verdict() == Verdict.INCONCLUSIVE && why.startsWith("Not enough") ? "not enough"
                + why.substring("Not enough".length()) : why;
    }
}
