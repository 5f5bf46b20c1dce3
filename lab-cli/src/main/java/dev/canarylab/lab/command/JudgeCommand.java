package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Look;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.SamplesFile;
import dev.canarylab.lab.report.JudgementJson;
import dev.canarylab.lab.report.JudgementText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab judge}: one verdict on recorded samples. */
@Command(name = "judge",
        description = {"Judge recorded baseline and canary samples with a canary config.",
            "The samples file is JSON: {\"metrics\": {\"<metric>\": {\"baseline\": S, \"canary\": S}}}, where S is an"
                + " array of non-negative numbers (null for a missing value), or {\"total\": N, \"errors\": K} for"
                + " error-ratio metrics.",
            "Reads at most 256 MB and 10 million values per samples file, 1 MB per config."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:PASS", "1:FAIL", "2:bad input (one line on stderr)", "3:MARGINAL or INCONCLUSIVE",
            "10:ERROR (a metric could not be read or judged)"})
public final class JudgeCommand implements Callable<Integer> {

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Samples to judge (JSON).")
    Path samples;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:LAB_CANARY_CONFIG}",
            description = "Canary config (YAML or JSON); default: the built-in sample-app config, "
                    + "or $LAB_CANARY_CONFIG.")
    Path config;

    @Option(names = "--json", description = "Print the judgement as JSON.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CanaryConfig canary = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        SamplesFile.Samples data = SamplesFile.read(samples, canary);
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : SamplesFile.absentMetrics(data, canary, samples.toString())) {
            err.println("lab: warning: " + warning);
        }
        err.flush();
        Judgement judgement = new Judge(canary).judge(data.metrics(), Look.single(canary.confidence()),
                data.durationSeconds());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JudgementJson.render(judgement) + "\n" : JudgementText.render(judgement));
        out.flush();
        return ExitCodes.of(judgement.verdict());
    }
}
