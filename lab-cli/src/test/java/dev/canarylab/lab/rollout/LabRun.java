package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged {@code lab} run as a process, the way a user or a CI job runs it. */
final class LabRun {

    static final String SAMPLE_JAR = jar("sample.jar", "../sample-app/target/sample-app.jar");
    static final String TRAFFIC_JAR = jar("traffic.jar", "../traffic-gen/target/traffic-gen.jar");

    record Result(int code, String out, String err) {
    }

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    LabRun(Path dir) {
        this.dir = dir;
    }

    private static String jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().toString();
    }

    Path state() {
        return dir.resolve("state");
    }

    /** The options every lab-starting command needs here: free port, the repository's catalogue and jars. */
    static List<String> labOptions() {
        return List.of("--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar", SAMPLE_JAR,
                "--traffic-gen-jar", TRAFFIC_JAR);
    }

    Process start(List<String> args) throws IOException {
        int n = started.size();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/lab-cli.jar"));
        cmd.addAll(args);
        cmd.addAll(List.of("--state-dir", state().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + n).toFile())
                .redirectError(dir.resolve("err-" + n).toFile()).start();
        started.add(p);
        return p;
    }

    Result run(int timeoutSeconds, List<String> args) throws Exception {
        int n = started.size();
        Process p = start(args);
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("lab %s finished in %d s", String.join(" ", args),
                timeoutSeconds).isTrue();
        return new Result(p.exitValue(), out(n), err(n));
    }

    String out(int n) throws IOException {
        return Files.readString(dir.resolve("out-" + n), StandardCharsets.UTF_8);
    }

    String err(int n) throws IOException {
        return Files.readString(dir.resolve("err-" + n), StandardCharsets.UTF_8);
    }

    /** Every process started for the lab with {@code pid}: instances (--exit-with-parent) and watched traffic-gen. */
    static List<ProcessHandle> children(long pid) {
        String instance = "--exit-with-parent " + pid;
        String watched = "lab-parent-watch " + pid;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(instance) || c.contains(watched)).orElse(false)).toList();
    }

    void destroyAll() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
