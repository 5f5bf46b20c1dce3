package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;

/**
 * One simulated trial of {@code lab evaluate} served two ways: to its contenders as recordings, and as a live
 * {@link MetricSource} (baseline and canary tracks, seconds counted from {@link #START}), for tests that feed the
 * same samples through a live analysis' shadow judges.
 */
public final class RecordedTraffic implements MetricSource {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TrackRecording baseline;
    private final TrackRecording canary;

    private RecordedTraffic(TrackRecording baseline, TrackRecording canary) {
        this.baseline = baseline;
        this.canary = canary;
    }

    /** A trial of {@code scenario}: the canary is one of {@link Scenario#standard()}'s, by name. */
    public static RecordedTraffic of(String scenario, long seed, double rps, double seconds) {
        Scenario s = Scenario.standard().stream().filter(x -> x.name().equals(scenario)).findFirst().orElseThrow();
        return new RecordedTraffic(SyntheticTraffic.baseline(seed, rps, seconds),
                SyntheticTraffic.generate(seed + 1, rps, seconds, s));
    }

    /** How a contender of {@code lab evaluate} ended on this trial. */
    public record Ended(Verdict verdict, double seconds) {
    }

    /** Runs {@code lab evaluate}'s contender for "Kayenta", "Flagger" or "Argo" on the recordings. */
    public Ended evaluate(String judge, CanaryConfig config) {
        Contender c = switch (judge) {
            case KayentaStyle.JUDGE -> new KayentaStyle(config);
            case FlaggerStyle.JUDGE -> new FlaggerStyle(config);
            case ArgoStyle.JUDGE -> new ArgoStyle(config);
            default -> throw new IllegalArgumentException(judge);
        };
        Outcome o = c.run(baseline, canary);
        return new Ended(o.verdict(), o.seconds());
    }

    @Override
    public Reading read(MetricSpec spec, Track track, Instant from, Instant to) {
        TrackRecording r = track == Track.CANARY ? canary : baseline;
        return new Reading(LabContender.series(r, Source.of(spec), seconds(from), seconds(to)), spec.name(), null);
    }

    private static double seconds(Instant t) {
        return Duration.between(START, t).toMillis() / 1000.0;
    }

    @Override
    public String describe() {
        return "recorded synthetic traffic";
    }
}
