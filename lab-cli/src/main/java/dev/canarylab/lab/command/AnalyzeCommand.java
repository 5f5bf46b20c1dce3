package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.config.Durations;
import dev.canarylab.lab.config.SamplesFile;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.RemoteRuntime;
import dev.canarylab.lab.report.JudgementText;
import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.rollout.StandaloneAnalysis;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.Strategy;
import dev.canarylab.lab.runtime.Track;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab analyze}: one live analysis of the running lab, the kayentactl of the lab. */
@Command(name = "analyze", sortOptions = false,
        description = {"Runs one canary analysis on the running lab with live progress; changes no traffic.",
            "Exit 0 PASS, 1 FAIL, 3 MARGINAL or INCONCLUSIVE, 10 ERROR (a metric could not be read),",
            "130 Ctrl-C (after the verdict of the looks so far)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--baseline", paramLabel = "TRACK", defaultValue = "baseline",
            description = "The track compared against (default: ${DEFAULT-VALUE}; stable when no baseline runs).")
    String baseline;

    @Option(names = "--canary", paramLabel = "TRACK", defaultValue = "canary",
            description = "The track under test (default: ${DEFAULT-VALUE}).")
    String canary;

    @Option(names = "--config", paramLabel = "FILE", description = "Canary config (default: the built-in one).")
    Path config;

    @Option(names = "--interval", paramLabel = "D", description = "Time between looks (default: the config's).")
    String interval;

    @Option(names = "--lifetime", paramLabel = "D", description = "Length of the analysis (default: the config's).")
    String lifetime;

    @Option(names = "--export", paramLabel = "FILE",
            description = {"Save the last look's samples, for 'lab judge --samples FILE' to judge again offline.",
                "Checked before the analysis starts; a write that still fails at the end is one error line",
                "after the verdict, and the exit code stays the verdict's."})
    Path export;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CanaryConfig c = config != null ? ConfigLoader.load(config) : ConfigLoader.defaults();
        Duration i = duration("--interval", interval, c.plan().interval());
        Duration l = duration("--lifetime", lifetime, c.plan().lifetime());
        if (l.compareTo(i) < 0) {
            throw LabException.badInput("--lifetime must be at least one --interval");
        }
        Track canaryTrack = Track.parse(canary);
        Track baselineTrack = Track.parse(baseline);
        if (canaryTrack == baselineTrack) {
            throw LabException.badInput("--baseline and --canary must be different tracks");
        }
        if (export != null) {
            Writable.file(export, "--export");
        }
        RemoteRuntime runtime = new RemoteRuntime(ControlClient.require(state.stateFile()));
        if (baseline.equals("baseline") && runtime.status().track(Track.BASELINE) == null) {
            baselineTrack = Track.STABLE;
        }
        PrintWriter err = spec.commandLine().getErr();
        StandaloneAnalysis analysis = new StandaloneAnalysis(runtime, runtime.metricSource(), c,
                new Strategy.Timing(i, l), new Narrator(err, Narrator.terminal()));
        // Ctrl-C ends the analysis with what its looks so far say; the hook waits for that to be printed.
        CtrlC ctrlC = CtrlC.install("analyze-shutdown", () -> analysis.abort("Ctrl-C"), Duration.ofSeconds(10),
                inTime -> { });
        try {
            return analyse(analysis, i, l, baselineTrack, canaryTrack, runtime, err);
        } finally {
            ctrlC.remove();
        }
    }

    private int analyse(StandaloneAnalysis analysis, Duration i, Duration l, Track baselineTrack, Track canaryTrack,
            RemoteRuntime runtime, PrintWriter err) {
        err.println("Analysing " + canaryTrack.label() + " against " + baselineTrack.label() + " on "
                + runtime.metricSource().describe() + ": a look every " + Durations.format(i) + " for "
                + Durations.format(l) + ".");
        StandaloneAnalysis.Result run = analysis.run(baselineTrack, canaryTrack);
        RolloutRecord.Analysis result = run.analysis();
        if (run.stopped() != null) {
            err.println(run.stopped() + " The verdict below is what the looks so far say.");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(JudgementText.render(result.judgement()));
        out.println(result.sentence());
        out.flush();
        if (export != null) {
            // checked before the analysis; should it fail now (disk full), the verdict above still stands
            try {
                if (export.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(export.toAbsolutePath().getParent());
                }
                Files.writeString(export, SamplesFile.write(run.lastData(), run.lastWindowSeconds()));
            } catch (IOException e) {
                String why = e instanceof java.nio.file.FileAlreadyExistsException ? e.getMessage()
                        + " is in the way (a file, not a folder)" : e instanceof java.nio.file.AccessDeniedException
                        ? e.getMessage() + ": permission denied" : e.getMessage();
                err.println("lab: error: cannot write --export " + export + ": " + why + " (the verdict above stands)");
                err.flush();
            }
        }
        return run.stopped() != null ? ExitCodes.INTERRUPTED : ExitCodes.of(result.verdict());
    }

    private static Duration duration(String option, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Duration d = Durations.parse(text).orElseThrow(() -> LabException.badInput(option
                + " must be a duration such as 10s or 2m, got '" + text + "'"));
        if (d.isZero() || d.isNegative()) {
            throw LabException.badInput(option + " must be positive");
        }
        return d;
    }

}
