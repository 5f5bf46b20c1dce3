package dev.canarylab.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sample-app as a real child process started from the packaged jar, the way a lab runs it. */
final class SampleProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    final Process process;
    private final Path stderr;

    private SampleProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    static SampleProcess start(Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("sample.jar", "target/sample-app.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("sample-app", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return new SampleProcess(pb.start(), err);
    }

    /** The application port, read from the start-up line once the instance listens. */
    int awaitPort() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(stderr());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("sample-app exited with " + process.exitValue() + ": " + stderr());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sample-app did not start: " + stderr());
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("sample-app is still running");
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }
}
