package dev.canarylab.traffic.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.traffic.ExitCodes;
import dev.canarylab.traffic.TrafficGenException;
import dev.canarylab.traffic.TrafficOptions;
import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.shape.Profile;
import dev.canarylab.traffic.stats.ProgressReporter;
import dev.canarylab.traffic.stats.Recorder;
import dev.canarylab.traffic.stats.Summary;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One load run: preflight, Gatling, progress lines, then the summary. */
public final class TrafficRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrafficOptions options;
    private final PrintStream err;
    private final boolean verbose;
    private final RunContext context;
    private final ProgressReporter progress;

    public TrafficRun(TrafficOptions options, PrintStream err, boolean verbose) {
        this.options = options;
        this.err = err;
        this.verbose = verbose;
        Profile profile = new Profile(options.shape(), options.duration());
        Recorder recorder = new Recorder(options.endpoints().stream().map(Endpoint::name).toList(),
                (int) options.timeout().toMillis() + 1000);
        this.progress = new ProgressReporter(recorder, profile, options.untilStopped(), options.progressFormat(), err,
                options.target().toString());
        this.context = new RunContext(options, profile, recorder, this::started);
    }

    private void started(long nanos) {
        progress.start(nanos, options.progressEvery());
    }

    /** Ends the run early, as SIGTERM does: no new requests, then the summary as usual. */
    public void stop() {
        context.requestStop();
    }

    /** Runs to the end (or to {@link #stop()}) and returns the summary; throws for usage or reachability problems. */
    public Summary run() {
        Preflight.check(options.target(), options.timeout());
        Offline.install();
        RunContext.install(context);
        Instant startedAt = Instant.now();
        PrintStream stdout = System.out;
        int gatlingStatus;
        try (WarmUpSink warmUp = new WarmUpSink()) {
            context.warmUpUrl(warmUp.url());
            // Gatling prints its banner and report path on stdout, which belongs to our results.
            System.setOut(verbose ? err : new PrintStream(OutputStream.nullOutputStream()));
            gatlingStatus = Gatling$.MODULE$.fromArgs(gatlingArgs().toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new TrafficGenException(ExitCodes.INTERNAL_ERROR, "Gatling failed: " + e, e);
        } finally {
            progress.close();
            System.setOut(stdout);
        }
        if (gatlingStatus != 0) {
            throw new TrafficGenException(ExitCodes.INTERNAL_ERROR, "Gatling ended with status " + gatlingStatus);
        }
        return summarize(startedAt);
    }

    private Summary summarize(Instant startedAt) {
        var snapshot = context.recorder().snapshot();
        long start = context.startNanos();
        // A stop that came after the last arrival was due (while responses drained) cut nothing short.
        Duration untilStop = Duration.ofNanos(Math.max(0, context.stopNanos() - start));
        boolean stopped = context.stopRequested() && (!context.started() || untilStop.compareTo(options.duration()) < 0);
        Duration injected = !context.started() ? Duration.ZERO : stopped ? untilStop : options.duration();
        Duration lastSent = snapshot.sent() == 0 ? Duration.ZERO : Duration.ofNanos(snapshot.lastSentNanos() - start);
        return Summary.of(options.target().toString(), context.profile(), startedAt, injected, lastSent, stopped,
                snapshot, options.thresholds(), options.report() ? latestReport(startedAt) : null);
    }

    private List<String> gatlingArgs() {
        if (!options.report()) {
            // With no report there is no reason to write simulation.log; a console writer whose stdout goes
            // nowhere is the cheapest writer Gatling accepts.
            System.setProperty("gatling.data.writers.0", "console");
        }
        List<String> args = new ArrayList<>(List.of(
                "-s", LoadSimulation.class.getName(),
                "-rf", options.reportDir().toAbsolutePath().toString(),
                "-rd", options.shape().describe() + " against " + options.target(),
                "-l", "traffic-gen"));
        if (!options.report()) {
            args.add("-nr");
        }
        return args;
    }

    /** The index.html of this run's report, or null if Gatling wrote none. */
    private String latestReport(Instant startedAt) {
        Path dir = options.reportDir().toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(dir)) {
            return runs.map(p -> p.resolve("index.html"))
                    .filter(Files::isRegularFile)
                    .filter(p -> p.toFile().lastModified() >= startedAt.toEpochMilli() - 1000)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .map(Path::toString)
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code summary} as indented JSON to {@code file}, or on one line to {@code stdout} for "-" (logs, pipes). */
    public static void writeSummary(Summary summary, Path file, PrintStream stdout) {
        try {
            if (file.toString().equals("-")) {
                stdout.println(JSON.writeValueAsString(summary));
            } else {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
            }
        } catch (IOException e) {
            throw new TrafficGenException(ExitCodes.INTERNAL_ERROR, "cannot write the summary to " + file + ": " + e.getMessage(), e);
        }
    }
}
