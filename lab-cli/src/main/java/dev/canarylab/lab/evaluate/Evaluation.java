package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs a canary config, a Kayenta-style, a Flagger-style and an Argo-style judge on the same seeded synthetic traffic,
 * scenario by scenario, and counts how often each raised an alarm and when. Trials run in parallel but
 * every trial has its own seed, so the scorecard is the same on every run with the same settings.
 */
public final class Evaluation {

    /** Seconds within which a detection counts as fast (the target of the lab). */
    public static final double FAST_SECONDS = 60;
    /** Seconds within which a detection counts as quick: three looks of Kayenta's default 10 s interval. */
    public static final double QUICK_SECONDS = 30;

    /** The most requests simulated per track in one trial: 1 million (25 MB a track; two trials run at once). */
    public static final long MAX_REQUESTS_PER_TRACK = 1_000_000;
    /** The most looks in one simulated analysis (lifetime / interval). */
    public static final int MAX_LOOKS = 1_000;

    /** What to simulate. */
    public record Settings(int trials, double rps, long seed) {
    }

    /**
     * One contender on one scenario.
     *
     * @param alarmsByMetric for canary-lab, how many alarms each metric took part in (HIGH or LOW at the verdict);
     *                       empty for the contenders that judge as a whole
     */
    public record Cell(String contender, int trials, int alarms, int alarmsQuick, int alarmsFast, int inconclusive,
            double medianVerdictSeconds, Map<String, Integer> alarmsByMetric) {

        public Cell {
            alarmsByMetric = Map.copyOf(alarmsByMetric);
        }

        public double alarmRate() {
            return (double) alarms / trials;
        }

        /** Share of trials with an alarm within {@link Evaluation#QUICK_SECONDS}. */
        public double quickRate() {
            return (double) alarmsQuick / trials;
        }

        /** Share of trials with an alarm within {@link Evaluation#FAST_SECONDS}. */
        public double fastRate() {
            return (double) alarmsFast / trials;
        }

        public double inconclusiveRate() {
            return (double) inconclusive / trials;
        }
    }

    /** One scenario: a cell per contender, canary-lab first. */
    public record Row(Scenario scenario, List<Cell> cells) {
    }

    /** Everything the scorecard shows. */
    public record Scorecard(Settings settings, CanaryConfig config, List<Row> rows, double wallSeconds) {
    }

    private Evaluation() {
    }

    /**
     * Why this config and these settings would simulate more than the lab bounds (memory grows with the requests
     * of a trial, time with its looks), or null when they fit.
     */
    public static String beyondLimits(CanaryConfig config, Settings settings) {
        AnalysisPlan plan = config.plan();
        long looks = plan.lifetime().toMillis() / Math.max(1, plan.interval().toMillis());
        if (looks > MAX_LOOKS) {
            return "an analysis of " + human(plan.lifetime().toMillis()) + " with a look every "
                    + Durations.format(plan.interval()) + " makes " + looks + " looks; lab evaluate simulates at most "
                    + MAX_LOOKS + " (shorten --duration)";
        }
        double seconds = plan.lookSeconds((int) Math.max(1, looks));
        double requests = settings.rps() * seconds;
        if (requests > MAX_REQUESTS_PER_TRACK) {
            return String.format(Locale.ROOT, "%s requests/s for %s is %.0f requests per track in each trial; lab"
                    + " evaluate simulates at most %d (lower --rps or --duration)", Format.number(settings.rps()),
                    human(Math.round(seconds * 1000)), requests, MAX_REQUESTS_PER_TRACK);
        }
        return null;
    }

    /** Whole hours as hours ("2h", not "120m"). */
    private static String human(long millis) {
        return millis % 3_600_000 == 0 ? millis / 3_600_000 + "h" : Durations.format(Duration.ofMillis(millis));
    }

    public static Scorecard run(CanaryConfig config, Settings settings, List<Scenario> scenarios,
            Consumer<String> progress) {
        double seconds = config.plan().lookSeconds(config.plan().looks());
        return run(config, settings, scenarios, progress, scenario -> t -> synthetic(scenario, settings, t, seconds));
    }

    /** A scenario's traffic: trial number to its baseline and canary recordings. */
    interface Trials {
        TrackRecording[] trial(int trial);
    }

    /** Where trials come from: seeded synthetic traffic, or live recordings (asked once per scenario, in order). */
    interface TrialSource {
        Trials of(Scenario scenario);
    }

    static Scorecard run(CanaryConfig config, Settings settings, List<Scenario> scenarios, Consumer<String> progress,
            TrialSource source) {
        long started = System.nanoTime();
        List<Contender> contenders = List.of(new LabContender(config), new KayentaStyle(config),
                new FlaggerStyle(config), new ArgoStyle(config));
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            Scenario scenario = scenarios.get(s);
            progress.accept("scenario " + (s + 1) + "/" + scenarios.size() + ": " + scenario.name() + " ("
                    + settings.trials() + " trials)");
            Trials trials = source.of(scenario);
            Outcome[][] outcomes = IntStream.range(0, settings.trials()).parallel()
                    .mapToObj(t -> judge(contenders, trials.trial(t)))
                    .toArray(Outcome[][]::new);
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < contenders.size(); c++) {
                int alarms = 0;
                int quick = 0;
                int fast = 0;
                int inconclusive = 0;
                Map<String, Integer> byMetric = new TreeMap<>();
                double[] times = new double[settings.trials()];
                for (int t = 0; t < settings.trials(); t++) {
                    Outcome o = outcomes[t][c];
                    alarms += o.alarm() ? 1 : 0;
                    quick += o.alarm() && o.seconds() <= QUICK_SECONDS ? 1 : 0;
                    fast += o.alarm() && o.seconds() <= FAST_SECONDS ? 1 : 0;
                    inconclusive += o.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
                    if (o.alarm()) {
                        o.failedMetrics().forEach(m -> byMetric.merge(m, 1, Integer::sum));
                    }
                    times[t] = o.seconds();
                }
                cells.add(new Cell(contenders.get(c).name(), settings.trials(), alarms, quick, fast, inconclusive,
                        median(times), byMetric));
            }
            rows.add(new Row(scenario, cells));
        }
        return new Scorecard(settings, config, rows, (System.nanoTime() - started) / 1e9);
    }

    private static TrackRecording[] synthetic(Scenario scenario, Settings settings, int trial, double seconds) {
        // The same seeds for every scenario: each trial compares scenarios on the same baseline randomness.
        SplittableRandom seeds = new SplittableRandom(settings.seed() * 1_000_003L + trial);
        long baselineSeed = seeds.nextLong();
        long canarySeed = seeds.nextLong();
        return new TrackRecording[] {SyntheticTraffic.baseline(baselineSeed, settings.rps(), seconds),
            SyntheticTraffic.generate(canarySeed, settings.rps(), seconds, scenario)};
    }

    private static Outcome[] judge(List<Contender> contenders, TrackRecording[] tracks) {
        Outcome[] out = new Outcome[contenders.size()];
        for (int c = 0; c < contenders.size(); c++) {
            out[c] = contenders.get(c).run(tracks[0], tracks[1]);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
