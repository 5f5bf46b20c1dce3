package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code lab} supervising a service of one's own that knows nothing of the lab: Python's
 * {@code http.server} under a shell wrapper that does not exec it ({@code sh -c "python3 ... & wait"}), so the
 * server is the wrapper's child. After {@code lab down}, Ctrl-C or a SIGKILL of the lab, no process of it is left;
 * one that exits at once, or never gets ready, fails {@code lab deploy} with exit 5, and says why.
 */
class OwnServiceProcessIT {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    /** A Python server in its own folder: the folder marks its processes (the wrapper's and the server's). */
    private String python(String name) throws IOException {
        Path www = Files.createDirectories(dir.resolve(name));
        return "[sh, -c, 'python3 -m http.server \"$0\" --bind 127.0.0.1 --directory " + www + " & wait', '${PORT}']";
    }

    @BeforeEach
    void catalogue() throws IOException {
        Files.writeString(dir.resolve("lab.yaml"), "stable: v1\nversions:\n"
                + "  v1: {color: blue, command: " + python("www1") + "}\n"
                + "  v2: {color: green, command: " + python("www2") + ", readiness: {path: /, status: 200}}\n"
                + "  broken: {color: red, command: [sh, -c, 'echo \"orders starting on port $0\"; "
                + "echo \"error: cannot read config.yaml\" >&2; exit 3', '${PORT}']}\n"
                + "  unready: {color: orange, command: " + python("www3") + ", startTimeout: 3s,"
                + " readiness: {path: /health, status: 200}}\n"
                + "  closed: {color: purple, command: [sh, -c, 'echo never listening on $0; sleep 60', '${PORT}'],"
                + " startTimeout: 2s}\n");
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/lab-cli.jar"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        int n = started.size();
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + n).toFile())
                .redirectError(dir.resolve("err-" + n).toFile()).start();
        started.add(p);
        return p;
    }

    private Result lab(String... args) throws Exception {
        int n = started.size();
        Process p = start(args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("lab %s finished", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out-" + n)), Files.readString(dir.resolve("err-" + n)));
    }

    private Result up(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "--port", "0", "--catalog", dir.resolve("lab.yaml").toString()));
        args.addAll(List.of(more));
        return lab(args.toArray(String[]::new));
    }

    /** Every process of the service versions: the shell wrappers and the Python servers, by their folders. */
    private List<ProcessHandle> serviceProcesses() {
        String mark = "--directory " + dir;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(mark)).orElse(false)).toList();
    }

    private List<ProcessHandle> awaitNoServiceProcess(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!serviceProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return serviceProcesses();
    }

    private long labPid() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("state/state.json").toFile()).path("pid").asLong();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (Files.exists(dir.resolve("state/state.json"))) {
            ProcessHandle.of(labPid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        started.forEach(Process::destroyForcibly);
        serviceProcesses().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aServiceIsDeployedAndLabDownLeavesNoProcessOfItNorOfItsWrappersChildren() throws Exception {
        Result up = up("-d");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("stable v1 (blue) 1/1 ready");
        Result deploy = lab("deploy", "v2");
        assertThat(deploy.code()).as(deploy.err()).isZero();
        assertThat(deploy.out()).startsWith("deployed v2 (green) to canary: 1/1 ready");
        assertThat(serviceProcesses()).as("two wrappers, two servers").hasSize(4);
        assertThat(Files.readString(dir.resolve("state/instances/v2-canary-2.log")))
                .as("the instance's own log (serial 2: stable's is 1)").contains("starting v2-canary-2 on port");

        Result down = lab("down");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(awaitNoServiceProcess(10)).as("service processes after lab down").isEmpty();
    }

    @Test
    void aServiceThatExitsAtOnceFailsDeployWithExitFiveAndItsLastOutput() throws Exception {
        assertThat(up("-d").code()).isZero();
        Result deploy = lab("deploy", "broken", "--timeout", "30");
        assertThat(deploy.code()).as(deploy.err()).isEqualTo(5);
        assertThat(deploy.err()).startsWith("lab: error: broken on canary: 0/1 ready; broken-canary-2 Error (exit 3 after")
                .contains("before it was ready")
                .contains("last output of broken-canary-2:")
                .contains("  orders starting on port")
                .contains("  error: cannot read config.yaml");
    }

    @Test
    void aServiceThatNeverGetsReadyFailsDeployWithExitFiveNamingTheCheckAndLeavesNothingRunning() throws Exception {
        assertThat(up("-d").code()).isZero();
        Result http = lab("deploy", "unready");
        assertThat(http.code()).as(http.err()).isEqualTo(5);
        assertThat(http.err()).matches("(?s)lab: error: unready on canary: 0/1 ready; unready-canary-2 Error \\(not ready"
                + " after 3\\.0 s: GET http://127\\.0\\.0\\.1:\\d+/health answered 404, expected 200\\).*");
        Result tcp = lab("deploy", "closed");
        assertThat(tcp.code()).as(tcp.err()).isEqualTo(5);
        assertThat(tcp.err()).matches("(?s)lab: error: closed on canary: 0/1 ready; closed-canary-3 Error \\(not ready"
                + " after 2\\.0 s: TCP connect to 127\\.0\\.0\\.1:\\d+ refused\\).*")
                .contains("never listening on");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (serviceProcesses().stream().anyMatch(p -> p.info().commandLine().orElse("").contains("www3"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(serviceProcesses()).as("only stable's wrapper and server are left").hasSize(2)
                .allSatisfy(p -> assertThat(p.info().commandLine().orElse("")).contains("www1"));
    }

    @Test
    void ctrlCOnAForegroundLabLeavesNoProcessOfTheService() throws Exception {
        Process p = start("up", "--port", "0", "--catalog", dir.resolve("lab.yaml").toString());
        Path out = dir.resolve("out-0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("lab up: router") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(out)).contains("lab up: router");
        assertThat(serviceProcesses()).hasSize(2);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitNoServiceProcess(5)).as("service processes after Ctrl-C").isEmpty();
    }

    /** The watchdog (see docs/local-runtime.md): the lab's shutdown hook never runs, yet the service goes. */
    @Test
    void aLabKilledWithSigkillLeavesNoProcessOfTheService() throws Exception {
        assertThat(up("-d").code()).isZero();
        assertThat(lab("deploy", "v2").code()).isZero();
        assertThat(serviceProcesses()).hasSize(4);
        ProcessHandle.of(labPid()).orElseThrow().destroyForcibly();
        assertThat(awaitNoServiceProcess(20)).as("service processes 20 s after their lab was killed").isEmpty();
    }
}
