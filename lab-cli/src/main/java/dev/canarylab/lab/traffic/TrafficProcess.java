package dev.canarylab.lab.traffic;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code java -jar traffic-gen.jar --target ROUTER ...} as a child of the lab, under a {@link ParentWatch} so
 * that it stops with the lab however the lab ends.
 */
public final class TrafficProcess implements TrafficDriver {

    private static final int KEPT_LINES = 20;

    private final Path jar;
    private final Consumer<String> log;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private Process process;

    public TrafficProcess(Path jar, Consumer<String> log) {
        this.jar = jar;
        this.log = log;
    }

    @Override
    public synchronized String start(String target, List<String> flags) {
        if (running()) {
            throw LabException.badInput("traffic is already running (pid " + process.pid() + "); 'lab traffic stop' first");
        }
        if (!Files.isRegularFile(jar)) {
            throw new LabException(ExitCodes.MISSING_JAR, "traffic-gen jar not found at " + jar
                    + "; build it with ./mvnw -pl traffic-gen package, or run scripts/lab");
        }
        for (String f : flags) {
            if (f.equals("--target") || f.startsWith("--target=")) {
                throw LabException.badInput("lab traffic always targets the lab's router; leave out --target");
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString(), "--target", target));
        if (flags.stream().noneMatch(f -> f.equals("--duration") || f.startsWith("--duration="))) {
            cmd.addAll(List.of("--duration", "forever"));
        }
        cmd.addAll(flags);
        try {
            process = new ProcessBuilder(ParentWatch.wrap(ProcessHandle.current().pid(), cmd))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new LabException(ExitCodes.SOFTWARE, "cannot start traffic-gen: " + e.getMessage(), e);
        }
        lastLines.clear();
        Process p = process;
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> drain(p, started), "traffic-gen-stderr");
        reader.setDaemon(true);
        reader.start();
        awaitSending(p, started);
        String line = "traffic-gen (pid " + p.pid() + ") -> " + target + " " + String.join(" ", cmd.subList(5, cmd.size()));
        log.accept("traffic: started " + line);
        return line.trim();
    }

    /** Bad flags make traffic-gen exit within a second or two: say so now, not at 'lab traffic stop'. */
    private void awaitSending(Process p, java.util.concurrent.CountDownLatch started) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!started.await(50, TimeUnit.MILLISECONDS) && p.isAlive() && System.nanoTime() < deadline) {
                // waiting for "traffic-gen: sending ..." or an early exit
            }
            if (!p.isAlive() && started.getCount() > 0) {
                p.waitFor(1, TimeUnit.SECONDS);
                Thread.sleep(100);
                process = null;
                String last;
                synchronized (lastLines) {
                    last = lastLines.isEmpty() ? "no output" : lastLines.getLast().replaceFirst("^traffic-gen: error: ", "");
                }
                throw new LabException(p.exitValue() == ExitCodes.USAGE ? ExitCodes.USAGE : ExitCodes.SOFTWARE,
                        "traffic-gen stopped at once (exit " + p.exitValue() + "): " + last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(Process p, java.util.concurrent.CountDownLatch started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("traffic-gen: sending")) {
                    started.countDown();
                }
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public synchronized String stop() {
        if (process == null) {
            return "";
        }
        Process p = process;
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Thread.sleep(100); // let the reader take the last lines
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.accept("traffic: stopped traffic-gen (pid " + p.pid() + ")");
        synchronized (lastLines) {
            return lastLines.stream().filter(l -> !l.startsWith("{")).reduce((a, b) -> a + "\n" + b).orElse("");
        }
    }

    @Override
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
