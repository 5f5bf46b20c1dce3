package dev.canarylab.traffic;

import dev.canarylab.traffic.stats.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts traffic-gen as a separate process, so that the load generator never shares a JVM (heap, GC pauses,
 * CPU) with the code whose latencies it is judging.
 *
 * <pre>{@code
 * RunningTraffic load = TrafficGenerator.start(
 *         TrafficOptions.builder("http://127.0.0.1:8080").rps(50).untilStopped().noReport().build(),
 *         Path.of("traffic-gen/target/traffic-gen.jar"),
 *         progress -> System.out.println(progress.toText()));
 * ...
 * RunningTraffic.Result result = load.stop();   // SIGTERM, wait, parsed summary
 * }</pre>
 */
public final class TrafficGenerator {

    private TrafficGenerator() {
    }

    /** Starts a run of {@code jar} (traffic-gen.jar, with its lib/ folder beside it). */
    public static RunningTraffic start(TrafficOptions options, Path jar) {
        return start(options, jar, progress -> { });
    }

    /**
     * Starts a run; {@code onProgress} receives each live progress report (on a reader thread), the first one
     * as soon as the load starts. The summary goes to {@code options.summary()}, or to a temporary file when
     * that is unset or stdout.
     */
    public static RunningTraffic start(TrafficOptions options, Path jar, Consumer<Progress> onProgress) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("traffic-gen jar not found: " + jar + " (build it with ./mvnw -pl traffic-gen package)");
        }
        try {
            boolean ownFile = options.summary() == null || options.summary().toString().equals("-");
            Path summary = ownFile ? Files.createTempFile("traffic-gen-summary-", ".json") : options.summary();
            Files.deleteIfExists(summary);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()));
            command.addAll(options.forChildProcess(summary).toArgs());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new RunningTraffic(process, summary, ownFile, options.timeout().plusSeconds(60), onProgress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start traffic-gen: " + e.getMessage(), e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
