package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.evaluate.Evaluation;
import dev.canarylab.lab.evaluate.LiveEvaluation;
import dev.canarylab.lab.evaluate.LiveLab;
import dev.canarylab.lab.evaluate.Scenario;
import dev.canarylab.lab.report.ScorecardText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab evaluate}: how good is a canary config? A scorecard on seeded synthetic traffic, and on live traffic. */
@Command(name = "evaluate",
        description = {"Score a canary config on synthetic traffic: false alarms on A/A, detection of latency,"
            + " tail and error regressions, and time to verdict, beside Kayenta-style, Flagger-style and Argo-style judges.",
            "Deterministic for a given seed. With --live, the same scenarios also run on real traffic: v1 against"
            + " v1 on the local runtime, the canary's regression set with sample-app's faults (minutes, not"
            + " seconds)."})
public final class EvaluateCommand implements Callable<Integer> {

    /** Live trials when --trials is not given: ten 10 requests/s streams, 100 requests/s per version. */
    static final int LIVE_TRIALS = 10;
    /** Most live trials: each one is another 10 requests/s to both versions of one lab. */
    static final int MAX_LIVE_TRIALS = 50;
    /** Trials of the simulated scorecard printed beside a live one: cheap, so as many as usual. */
    static final int SIMULATED_TRIALS_BESIDE_LIVE = 200;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:LAB_CANARY_CONFIG}",
            description = "Canary config (YAML or JSON); default: the built-in sample-app config.")
    Path config;

    @Option(names = "--trials", defaultValue = "${env:LAB_EVALUATE_TRIALS:-200}", paramLabel = "N",
            description = "Simulated analyses per scenario (default: ${DEFAULT-VALUE}); with --live, live trials"
                    + " per scenario (default: " + LIVE_TRIALS + ", at most " + MAX_LIVE_TRIALS + "), the simulated"
                    + " scorecard then running " + SIMULATED_TRIALS_BESIDE_LIVE + ".")
    int trials;

    @Option(names = "--rps", defaultValue = "${env:LAB_EVALUATE_RPS:-10}", paramLabel = "R",
            description = "Requests per second to each of baseline and canary (default: ${DEFAULT-VALUE}).")
    double rps;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "${env:LAB_EVALUATE_DURATION}",
            description = "Analysis lifetime, e.g. 3m (default: the config's lifetime).")
    String duration;

    @Option(names = "--seed", defaultValue = "${env:LAB_EVALUATE_SEED:-42}", paramLabel = "N",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Only these scenarios, by name, comma-separated (default: all), e.g."
                    + " 'A/A (no change),latency +20%%'.")
    List<String> scenarios;

    @Option(names = "--live", description = "Also run the scenarios on live traffic through the local runtime, and"
            + " print that scorecard after the simulated one.")
    boolean live;

    @Option(names = "--warm-up", paramLabel = "D", description = "--live: traffic before the first recording,"
            + " which also measures the baseline latency the latency faults are sized from (default: 20s).")
    String warmUp;

    @Option(names = "--sample-app-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_SAMPLE_APP_JAR:-sample-app/target/sample-app.jar}",
            description = "--live: the sample-app jar (LAB_SAMPLE_APP_JAR; default: ${DEFAULT-VALUE}).")
    Path sampleJar;

    @Option(names = "--traffic-gen-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_TRAFFIC_GEN_JAR:-traffic-gen/target/traffic-gen.jar}",
            description = "--live: the traffic-gen jar (LAB_TRAFFIC_GEN_JAR; default: ${DEFAULT-VALUE}).")
    Path trafficJar;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean trialsGiven = spec.commandLine().getParseResult().hasMatchedOption("--trials");
        int liveTrials = trialsGiven ? trials : LIVE_TRIALS;
        int simulatedTrials = live ? SIMULATED_TRIALS_BESIDE_LIVE : trials;
        if (live && (liveTrials < 1 || liveTrials > MAX_LIVE_TRIALS)) {
            throw LabException.badInput("--trials with --live must be between 1 and " + MAX_LIVE_TRIALS + ", got "
                    + liveTrials);
        }
        if (simulatedTrials < 1 || simulatedTrials > 100_000) {
            throw LabException.badInput("--trials must be between 1 and 100000, got " + simulatedTrials);
        }
        if (!(rps > 0 && rps <= 10_000)) {
            throw LabException.badInput("--rps must be above 0 and at most 10000, got " + rps);
        }
        if (!live && warmUp != null) {
            throw LabException.badInput("--warm-up is for --live");
        }
        List<Scenario> chosen = chosen();
        CanaryConfig canary = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        if (duration != null) {
            Duration lifetime = Durations.parse(duration).orElseThrow(() -> LabException.badInput(
                    "--duration must be a duration such as 90s or 3m, got '" + duration + "'"));
            AnalysisPlan p = canary.plan();
            if (lifetime.compareTo(p.interval()) < 0) {
                throw LabException.badInput("--duration must be at least one interval (" + Durations.format(
                        p.interval()) + ")");
            }
            canary = canary.withPlan(new AnalysisPlan(p.interval(), lifetime, p.lookback(), p.window(), p.warmup()));
        }
        Evaluation.Settings settings = new Evaluation.Settings(simulatedTrials, rps, seed);
        String beyond = Evaluation.beyondLimits(canary, settings);
        if (beyond != null) {
            throw LabException.badInput(beyond);
        }
        LiveEvaluation.Settings liveSettings = live ? liveSettings(canary, liveTrials) : null;
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> progress = line -> {
            err.println("lab: " + line);
            err.flush();
        };
        Evaluation.Scorecard card = Evaluation.run(canary, settings, chosen, progress);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ScorecardText.render(card));
        out.flush();
        if (live) {
            runLive(canary, liveSettings, chosen, progress, out);
        }
        return ExitCodes.OK;
    }

    private LiveEvaluation.Settings liveSettings(CanaryConfig canary, int liveTrials) {
        Duration w = warmUp == null ? Duration.ofSeconds(20) : Durations.parse(warmUp).orElseThrow(() ->
                LabException.badInput("--warm-up must be a duration such as 20s, got '" + warmUp + "'"));
        if (w.toMillis() < 1000 || w.toMinutes() > 10) {
            throw LabException.badInput("--warm-up must be between 1s and 10m, got " + warmUp);
        }
        LiveEvaluation.Settings s = new LiveEvaluation.Settings(liveTrials, rps, sampleJar, trafficJar, w);
        String beyond = LiveEvaluation.beyondLimits(canary, s);
        if (beyond != null) {
            throw LabException.badInput(beyond);
        }
        for (Path jar : List.of(sampleJar, trafficJar)) {
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new LabException(ExitCodes.MISSING_JAR, jar + " not found; --live runs sample-app and traffic-gen:"
                        + " build them with ./mvnw package -DskipTests, or give --sample-app-jar and --traffic-gen-jar");
            }
        }
        return s;
    }

    private void runLive(CanaryConfig canary, LiveEvaluation.Settings s, List<Scenario> chosen,
            Consumer<String> progress, PrintWriter out) {
        progress.accept("live: starting v1 on baseline and canary (local runtime)");
        LiveLab lab = LiveLab.start(s.sampleJar(), s.trafficJar(), s.trials() * s.rps(), progress);
        CtrlC ctrlC = CtrlC.install("lab-evaluate-shutdown", lab::stop, Duration.ofSeconds(10), inTime -> lab.close());
        try {
            LiveEvaluation.Result r = LiveEvaluation.run(lab, canary, s, chosen, progress);
            out.println();
            out.print(ScorecardText.render(r.scorecard(), "Live scorecard", "one recording per scenario split"
                    + " round-robin into the trials (v1 vs v1, faults on the canary)"));
            out.println("What each recording held:");
            r.notes().forEach(n -> out.println("  " + n));
            out.printf(java.util.Locale.ROOT, "(live: %.0f s with the warm-up, not counting start-up)%n",
                    r.wallSeconds());
            out.flush();
        } finally {
            if (ctrlC.remove()) {
                lab.close(); // else Ctrl-C: the hook closes the lab
            }
        }
    }

    /** The standard scenarios named by --scenarios, in the standard order; all when not given. */
    private List<Scenario> chosen() {
        List<Scenario> all = Scenario.standard();
        if (scenarios == null) {
            return all;
        }
        List<String> names = all.stream().map(Scenario::name).toList();
        List<Scenario> out = new ArrayList<>();
        for (String raw : scenarios) {
            String name = raw.trim();
            if (!names.contains(name)) {
                throw LabException.badInput("unknown scenario '" + name + "'; the scenarios are: "
                        + String.join(", ", names));
            }
        }
        for (Scenario sc : all) {
            if (scenarios.stream().map(String::trim).anyMatch(sc.name()::equals)) {
                out.add(sc);
            }
        }
        return out;
    }
}
