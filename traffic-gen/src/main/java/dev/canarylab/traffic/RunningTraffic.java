package dev.canarylab.traffic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.traffic.stats.Progress;
import dev.canarylab.traffic.stats.Summary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A traffic-gen process started by {@link TrafficGenerator}: its live progress, and its summary once it ends. */
public final class RunningTraffic implements AutoCloseable {

    /** How a run ended: the exit code, the summary (null if none was written) and the last non-progress stderr lines. */
    public record Result(int exitCode, Summary summary, List<String> messages) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int KEPT_MESSAGES = 20;

    private final Process process;
    private final Path summaryFile;
    private final boolean deleteSummary;
    private final Duration stopGrace;
    private final Consumer<Progress> onProgress;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Deque<String> messages = new ArrayDeque<>();
    private final Thread reader;
    private volatile Progress latest;
    private Result result;

    RunningTraffic(Process process, Path summaryFile, boolean deleteSummary, Duration stopGrace,
                   Consumer<Progress> onProgress) {
        this.process = process;
        this.summaryFile = summaryFile;
        this.deleteSummary = deleteSummary;
        this.stopGrace = stopGrace;
        this.onProgress = onProgress;
        this.reader = new Thread(this::readStderr, "traffic-gen-" + process.pid() + "-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The latest progress report, empty until the load has started. */
    public Optional<Progress> latestProgress() {
        return Optional.ofNullable(latest);
    }

    /** Waits until the load has started (the JVM and Gatling take a few seconds); false on timeout or early exit. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (started.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return started.getCount() == 0;
            }
        }
        return false;
    }

    /** Waits for the run to end by itself (its duration is over) and returns how it went. */
    public Result await() throws InterruptedException {
        process.waitFor();
        return result();
    }

    /**
     * Stops the load with SIGTERM, as Ctrl-C would: no new requests, then the summary is written and the process
     * exits with its usual code. A process stopped while its JVM is still starting exits 143 without a summary;
     * one that does not end within the grace period is killed (no summary either).
     */
    public Result stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return result();
    }

    /** Stops the run if it is still going; the summary is dropped. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The outcome, read once: the summary file may be temporary and is gone after the first read. */
    private synchronized Result result() throws InterruptedException {
        if (result != null) {
            return result;
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        Summary summary = null;
        try {
            if (Files.isRegularFile(summaryFile) && Files.size(summaryFile) > 0) {
                summary = JSON.readValue(summaryFile.toFile(), Summary.class);
            }
            if (deleteSummary) {
                Files.deleteIfExists(summaryFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the traffic-gen summary " + summaryFile, e);
        }
        synchronized (messages) {
            result = new Result(process.exitValue(), summary, List.copyOf(messages));
        }
        return result;
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Progress p = line.startsWith("{") ? parse(line) : null;
                if (p != null) {
                    latest = p;
                    started.countDown();
                    notify(p);
                } else {
                    synchronized (messages) {
                        if (messages.size() == KEPT_MESSAGES) {
                            messages.removeFirst();
                        }
                        messages.addLast(line);
                    }
                }
            }
        } catch (IOException e) {
            // The process went away; whatever was read is kept.
        }
    }

    /** A failing listener must not stop the draining of stderr, or the child would block on a full pipe. */
    private void notify(Progress p) {
        try {
            onProgress.accept(p);
        } catch (RuntimeException e) {
            synchronized (messages) {
                messages.addLast("progress listener failed: " + e);
            }
        }
    }

    private static Progress parse(String line) {
        try {
            return JSON.readValue(line, Progress.class);
        } catch (IOException e) {
            return null;
        }
    }
}
