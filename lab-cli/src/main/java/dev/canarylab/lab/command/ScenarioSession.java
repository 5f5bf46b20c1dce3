package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.JudgedWith;
import dev.canarylab.lab.rollout.StrategyLoader;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.RolloutFeed;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.rollout.Pace;
import dev.canarylab.lab.rollout.RolloutListener;
import dev.canarylab.lab.rollout.Scenario;
import dev.canarylab.lab.rollout.ScenarioRunner;
import dev.canarylab.lab.rollout.Strategy;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays scenarios on a lab of its own, for `lab demo` and `lab test`: brings the lab up, plays each scenario,
 * writes its reports, and brings the lab down. Ctrl-C aborts the rollout in progress (traffic back to stable)
 * before the lab stops.
 */
final class ScenarioSession {

    private final LocalLabOptions options;
    private final StateDirOption state;
    private final Pace pace;
    private final boolean waitForEnter;
    private final PrintWriter err;

    ScenarioSession(LocalLabOptions options, StateDirOption state, Pace pace, boolean waitForEnter, PrintWriter err) {
        this.options = options;
        this.state = state;
        this.pace = pace;
        this.waitForEnter = waitForEnter;
        this.err = err;
    }

    /** Checks everything that can be checked before starting anything. */
    Catalog check(List<Scenario> plays) {
        options.validate();
        Catalog cat = CatalogLoader.load(options.instance.catalog);
        for (Scenario s : plays) {
            try {
                cat.version(s.version());
                if (s.stable() != null) {
                    cat.version(s.stable());
                }
            } catch (LabException e) {
                throw new LabException(e.exitCode(), "scenario " + s.name() + ": " + e.getMessage());
            }
            // the runner reads them again when the scenario plays; a bad one must not wait for a lab to start
            Strategy strategy = StrategyLoader.load(s.strategy());
            Path config = s.config() != null ? s.config() : strategy.config();
            if (config != null) {
                ConfigLoader.load(config);
            }
        }
        Writable.directory(options.reportDir(state), "--reports");
        StateFile file = state.stateFile();
        ControlClient.find(file).ifPresent(c -> {
            throw new LabException(ExitCodes.ALREADY_RUNNING, "a lab is already running (pid " + c.state().pid()
                    + "); 'lab down' first: this command brings up a lab of its own");
        });
        return cat;
    }

    List<ScenarioRunner.Result> play(List<Scenario> plays) {
        Catalog cat = check(plays);
        String stable = plays.get(0).stable() != null ? plays.get(0).stable() : cat.stable();
        LocalLab lab = LocalLab.start(options.runtime, cat.withStable(stable), new LocalRuntime.Settings(options.instance.sampleJar,
                "127.0.0.1", options.instance.port, "128m", options.instance.seed, 1).withAudience(options.audience()), options.instance.trafficJar, state.stateFile(), Duration.ofSeconds(60),
                line -> { });
        ControlClient control = ControlClient.require(state.stateFile());
        RolloutFeed feed = new RolloutFeed(control);
        ScenarioRunner runner = new ScenarioRunner(lab.runtime(), lab.traffic(), pace, err,
                RolloutListener.both(new Narrator(err, Narrator.terminal()), feed));
        feed.onAbort(runner::abortCurrent);
        CtrlC ctrlC = CtrlC.install("lab-scenarios-shutdown", () -> runner.stop("Ctrl-C"), Duration.ofSeconds(20),
                inTime -> lab.close());
        List<ScenarioRunner.Result> results = new ArrayList<>();
        try {
            err.println("Lab up (" + options.runtime.runtime + " runtime): router " + lab.runtime().status().routerUrl()
                    + ", stable " + stable + ".");
            err.println("Dashboard: " + DashboardAddress.forLine(control.state(), DashboardAddress.Stream.ERR, !Pace.CI.equals(pace)));
            lab.runtime().audience().ifPresent(a -> AudienceOptions.announce(err, a.url(), options.audience.rate));
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int act = 0;
            for (Scenario s : plays) {
                act++;
                err.println();
                err.println("=== Act " + act + "/" + plays.size() + ": " + s.title() + " (" + s.name() + ") ===");
                if (pace.explain() && !s.explain().isBlank()) {
                    for (String line : s.explain().strip().split("\n")) {
                        err.println("  " + line.strip());
                    }
                    if (waitForEnter) {
                        err.print("  [Enter to start]");
                        err.flush();
                        readLine(stdin);
                    }
                }
                Path config = s.config() != null ? s.config() : StrategyLoader.load(s.strategy()).config();
                JudgedWith judgedWith = JudgedWith.of(config, options.runtime.kind().label());
                ScenarioRunner.Result r = runner.play(s);
                results.add(r);
                List<Path> written = Reports.write(r.record().judgedWith(judgedWith), options.reportDir(state));
                feed.finished(r.record(), written.isEmpty() ? null : Reports.page(written));
                err.println(">>> " + s.name() + ": " + r.record().outcome().label().toUpperCase(Locale.ROOT)
                        + (r.asExpected() ? " (as expected)" : " (expected " + s.expect().label() + ")") + " in "
                        + Math.round(r.seconds()) + " s." + (written.isEmpty() ? ""
                                : " Report: " + Reports.page(written)));
                err.flush();
            }
        } finally {
            if (ctrlC.remove()) {
                lab.close(); // else Ctrl-C: the hook closes the lab
            }
        }
        return results;
    }

    static String summary(List<ScenarioRunner.Result> results) {
        StringBuilder s = new StringBuilder("\nScenario        Expected      Outcome       Time   Result\n");
        double total = 0;
        for (ScenarioRunner.Result r : results) {
            total += r.seconds();
            s.append(String.format(Locale.ROOT, "%-15s %-13s %-13s %4.0fs   %s%n", r.scenario().name(),
                    r.scenario().expect().label(), r.record().outcome().label(), r.seconds(),
                    r.asExpected() ? "ok" : "UNEXPECTED"));
        }
        s.append(String.format(Locale.ROOT, "%d scenario%s, %d as expected, %.0f s%n", results.size(),
                results.size() == 1 ? "" : "s", results.stream().filter(ScenarioRunner.Result::asExpected).count(),
                total));
        return s.toString();
    }

    private static void readLine(BufferedReader stdin) {
        try {
            stdin.readLine();
        } catch (IOException e) {
            // no terminal: go on
        }
    }
}
