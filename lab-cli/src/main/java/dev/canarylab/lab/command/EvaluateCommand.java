package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.evaluate.Evaluation;
import dev.canarylab.lab.evaluate.Scenario;
import dev.canarylab.lab.report.ScorecardText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab evaluate}: how good is a canary config? A scorecard on seeded synthetic traffic. */
@Command(name = "evaluate",
        description = {"Score a canary config on synthetic traffic: false alarms on A/A, detection of latency,"
            + " tail and error regressions, and time to verdict, beside Kayenta-style and Flagger-style judges.",
            "Deterministic for a given seed."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:LAB_CANARY_CONFIG}",
            description = "Canary config (YAML or JSON); default: the built-in sample-app config.")
    Path config;

    @Option(names = "--trials", defaultValue = "${env:LAB_EVALUATE_TRIALS:-200}", paramLabel = "N",
            description = "Simulated analyses per scenario (default: ${DEFAULT-VALUE}).")
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

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (trials < 1 || trials > 100_000) {
            throw LabException.badInput("--trials must be between 1 and 100000, got " + trials);
        }
        if (!(rps > 0 && rps <= 10_000)) {
            throw LabException.badInput("--rps must be above 0 and at most 10000, got " + rps);
        }
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
        Evaluation.Settings settings = new Evaluation.Settings(trials, rps, seed);
        String beyond = Evaluation.beyondLimits(canary, settings);
        if (beyond != null) {
            throw LabException.badInput(beyond);
        }
        PrintWriter err = spec.commandLine().getErr();
        Evaluation.Scorecard card = Evaluation.run(canary, settings,
                Scenario.standard(), line -> {
                    err.println("lab: " + line);
                    err.flush();
                });
        PrintWriter out = spec.commandLine().getOut();
        out.print(ScorecardText.render(card));
        out.flush();
        return ExitCodes.OK;
    }
}
