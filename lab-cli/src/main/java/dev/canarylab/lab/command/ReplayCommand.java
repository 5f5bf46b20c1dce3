package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ReplayDashboard;
import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.report.RolloutJson;
import dev.canarylab.lab.rollout.Replay;
import dev.canarylab.lab.rollout.ReplayClock;
import dev.canarylab.lab.rollout.RolloutListener;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab replay}: a recorded rollout told again, offline, its looks judged again by this lab's judge. */
@Command(name = "replay", sortOptions = false,
        description = {"Plays a rollout's JSON report back with its narration (and a dashboard), with no lab, traffic",
            "or network: every look is judged again by this lab's judge on the recorded samples. Exit 0 when the",
            "verdicts and sentences equal the recording's, 12 (one line per difference) when they do not."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPORT", description = "A rollout's JSON report (.lab/reports/*.json, last.json).")
    Path report;

    @Option(names = "--speed", paramLabel = "SPEED", defaultValue = "1",
            description = "1 (as recorded), 2, 10 or max (no waiting); any speed above 0 (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--dashboard", description = "Serve a live dashboard of the replay on loopback, and print its address.")
    boolean dashboard;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        double pace = speed(speed);
        RolloutRecord record = read(report);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ReplayClock clock = Replay.clockOf(record);
        RolloutListener listener = new Narrator(err, Narrator.terminal(), clock);
        ReplayDashboard board = dashboard ? ReplayDashboard.start(record, clock) : null;
        try {
            if (board != null) {
                listener = RolloutListener.both(listener, board.feed());
                err.println("Dashboard: " + board.url());
            }
            err.println("Replaying " + record.title() + " (recorded " + record.started() + ") at "
                    + (Double.isInfinite(pace) ? "full" : speed + "x") + " speed; each look is judged again by this lab's judge.");
            err.flush();
            Replay.Result result = new Replay(record, pace, listener, clock).run();
            if (board != null) {
                board.finished(record);
            }
            out.println(record.sentence());
            out.flush();
            if (!result.differences().isEmpty()) {
                for (String d : result.differences()) {
                    err.println("lab: replay differs: " + d);
                }
                err.println("lab: " + result.differences().size() + " difference" + (result.differences().size() == 1
                        ? "" : "s") + " from the recording: this lab's judge decides otherwise than the one that"
                        + " recorded it");
                err.flush();
                return ExitCodes.REPLAY_DIFFERS;
            }
            err.println("Replay done: " + record.analyses().size() + " analys" + (record.analyses().size() == 1
                    ? "is" : "es") + " judged again, every verdict and sentence as recorded.");
            if (board != null && System.console() != null) {
                err.println("The dashboard stays up until Enter or Ctrl-C.");
                err.flush();
                System.in.read();
            }
            err.flush();
            return ExitCodes.OK;
        } finally {
            if (board != null) {
                board.close();
            }
        }
    }

    /** 1, 2, 10, max, or any positive number. */
    static double speed(String text) {
        if (text.trim().toLowerCase(Locale.ROOT).equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double s = Double.parseDouble(text.trim());
            if (s > 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw LabException.badInput("--speed must be 1, 2, 10, max or another number above 0, got '" + text + "'");
    }

    /** The report, with replay data; bad input otherwise. */
    static RolloutRecord read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LabException.badInput(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw LabException.badInput(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            RolloutRecord record = RolloutJson.read(text);
            Replay.requireData(record);
            return record;
        } catch (LabException e) {
            throw new LabException(e.exitCode(), file + ": " + e.getMessage());
        }
    }
}
