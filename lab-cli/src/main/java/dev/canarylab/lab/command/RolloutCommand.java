package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.StrategyLoader;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.RemoteRuntime;
import dev.canarylab.lab.control.RolloutFeed;
import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.rollout.JudgedWith;
import dev.canarylab.lab.rollout.Rollout;
import dev.canarylab.lab.rollout.RolloutListener;
import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.rollout.Strategy;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab rollout VERSION}: runs a strategy against the running lab while traffic flows. */
@Command(name = "rollout", sortOptions = false,
        description = {"Rolls VERSION out on the running lab with a strategy (steps, analyses, promotion or",
            "rollback), narrating each decision. Starts traffic unless --no-traffic. Exit 0 promoted,",
            "1 rolled back, 3 inconclusive (not promoted), 130 Ctrl-C (traffic back on stable)."})
public final class RolloutCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION", description = "A version of the catalogue, e.g. v3.")
    String version;

    @Option(names = "--strategy", paramLabel = "FILE", defaultValue = "canary",
            description = "A strategy file, or a built-in: canary, blue-green (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Canary config (default: the strategy's, else the built-in one).")
    Path config;

    @Option(names = "--rps", paramLabel = "N", defaultValue = "40",
            description = "Traffic the rollout starts, in requests/s (default: ${DEFAULT-VALUE}).")
    double rps;

    @Option(names = "--no-traffic", description = "Do not start traffic: use what already flows.")
    boolean noTraffic;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where reports go (default: reports/ in the state directory).")
    Path reports;

    @Mixin
    StateDirOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Strategy s = StrategyLoader.load(strategy);
        Path configFile = config != null ? config : s.config();
        CanaryConfig c = configFile != null ? ConfigLoader.load(configFile) : ConfigLoader.defaults();
        if (!(rps > 0) || !Double.isFinite(rps)) {
            throw dev.canarylab.lab.LabException.badInput("--rps must be a positive number, got " + rps);
        }
        Writable.directory(reports != null ? reports : state.dir.resolve("reports"), "--reports");
        ControlClient client = ControlClient.require(state.stateFile());
        // hashed now: an edit of the file during the rollout must not pass for the config that judged it
        JudgedWith judgedWith = JudgedWith.of(configFile, client.state().runtime());
        RemoteRuntime runtime = new RemoteRuntime(client);
        PrintWriter err = spec.commandLine().getErr();
        RolloutFeed feed = new RolloutFeed(client);
        Rollout rollout = new Rollout(runtime, runtime.metricSource(), c, s,
                new Rollout.Settings(version + " (" + s.name() + ")", Duration.ofSeconds(90), Narrator.terminal()),
                RolloutListener.both(new Narrator(err, Narrator.terminal()), feed));
        feed.onAbort(rollout::abort);
        err.println("Dashboard: " + DashboardAddress.forLine(client.state(), DashboardAddress.Stream.ERR, true));
        TrafficDriver traffic = runtime.traffic();
        if (!noTraffic) {
            traffic.start(null, List.of("--rps", String.format(Locale.ROOT, "%.3f", rps)));
            err.println("Traffic: " + rps + " requests/s (stopped when the rollout ends; --no-traffic to use your own).");
        }
        CtrlC ctrlC = CtrlC.install("rollout-shutdown", () -> rollout.abort("Ctrl-C"), Duration.ofSeconds(20),
                inTime -> {
                    if (!inTime) {
                        runtime.rollback();
                    }
                });
        RolloutRecord record;
        try {
            record = rollout.run(version).judgedWith(judgedWith);
        } finally {
            try {
                if (!noTraffic) {
                    traffic.stop();
                }
            } finally {
                ctrlC.remove();
            }
        }
        List<Path> written = Reports.write(record, reports != null ? reports : state.dir.resolve("reports"));
        feed.finished(record, Reports.page(written));
        PrintWriter out = spec.commandLine().getOut();
        out.println(record.outcome().label().toUpperCase(Locale.ROOT) + ": " + record.sentence());
        out.println("Report: " + Reports.page(written));
        out.flush();
        return switch (record.outcome()) {
            case PROMOTED -> ExitCodes.OK;
            case INCONCLUSIVE -> ExitCodes.UNDECIDED;
            case ABORTED -> ctrlC.pressed() ? ExitCodes.INTERRUPTED : ExitCodes.FAIL;
            case ROLLED_BACK -> ExitCodes.FAIL;
        };
    }
}
