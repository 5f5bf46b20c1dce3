package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.runtime.local.ProcessExit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code lab} as a user runs it: up, a second up, deploy, status, down, Ctrl-C, and a killed lab. */
class LabProcessIT {

    private static final String SAMPLE_JAR = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"))
            .toAbsolutePath().toString();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/lab-cli.jar"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + started.size()).toFile())
                .redirectError(dir.resolve("err-" + started.size()).toFile()).start();
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
        List<String> args = new ArrayList<>(List.of("up", "--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar", SAMPLE_JAR));
        args.addAll(List.of(more));
        return lab(args.toArray(String[]::new));
    }

    private long labPid() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("state/state.json").toFile()).path("pid").asLong();
    }

    /** Processes started by the lab with {@code pid}: every instance carries --exit-with-parent with it. */
    private static List<ProcessHandle> children(long pid) {
        String mark = "--exit-with-parent " + pid;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(mark)).orElse(false)).toList();
    }

    private static void awaitNoChildren(long pid, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!children(pid).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (Files.exists(dir.resolve("state/state.json"))) {
            long pid = labPid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            children(pid).forEach(ProcessHandle::destroyForcibly);
        }
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void upDeployStatusAndDownLeaveNoSampleAppProcessBehind() throws Exception {
        // A state directory made by hand (mkdir with the usual umask) is made private, not trusted.
        Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(dir.resolve("state"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Result up = up("-d");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).matches("(?s)lab up: router http://127\\.0\\.0\\.1:\\d+, stable v1 \\(blue\\) 1/1 ready; running in the background.*");
        long pid = labPid();
        assertTheTokenStaysInTheStateDirectory(up);

        Result again = up("-d");
        assertThat(again.code()).isEqualTo(7);
        assertThat(again.err().lines()).containsExactly("lab: error: a lab is already running (pid " + pid
                + ", router " + new ObjectMapper().readTree(dir.resolve("state/state.json").toFile()).path("routerUrl").asText()
                + "); 'lab down' stops it");

        Result deploy = lab("deploy", "v2", "--replicas", "2");
        assertThat(deploy.code()).as(deploy.err()).isZero();
        assertThat(deploy.out()).startsWith("deployed v2 (green) to canary: 2/2 ready, 0% of traffic");
        assertThat(lab("weight", "20%").out()).startsWith("canary weight 0% -> 20% (like setWeight: 20)");

        Result status = lab("status", "--json");
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.path("canaryWeight").asInt()).isEqualTo(20);
        assertThat(json.path("tracks")).extracting(t -> t.path("track").asText() + " " + t.path("version").asText())
                .containsExactly("stable v1", "canary v2");
        assertThat(lab("status").out()).contains("canary    v2        green       20%  2/2");
        assertThat(children(pid)).hasSize(3);

        String router = new ObjectMapper().readTree(dir.resolve("state/state.json").toFile()).path("routerUrl").asText();
        for (int i = 0; i < 50; i++) {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(router + "/api/color")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        dev.canarylab.lab.control.ControlClient client = dev.canarylab.lab.control.ControlClient
                .require(new dev.canarylab.lab.control.StateFile(dir.resolve("state")));
        java.time.Instant now = java.time.Instant.now();
        dev.canarylab.lab.runtime.RequestWindow canary = client.requests(dev.canarylab.lab.runtime.Track.CANARY,
                now.minusSeconds(60), now.plusSeconds(1));
        dev.canarylab.lab.runtime.RequestWindow stable = client.requests(dev.canarylab.lab.runtime.Track.STABLE,
                now.minusSeconds(60), now.plusSeconds(1));
        assertThat(canary.total() + stable.total()).as("the judge's view over the control API").isEqualTo(50);
        assertThat(canary.latenciesMs()).hasSize((int) canary.total());

        Result down = lab("down");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).startsWith("lab down: stopped the lab (pid " + pid + ")");
        // Gone, or a zombie until init collects it (the JDK's isAlive counts a zombie as alive).
        assertThat(ProcessHandle.of(pid).map(ProcessExit::exited).orElse(true)).as("the lab exited").isTrue();
        assertThat(children(pid)).as("sample-app processes of the lab after lab down").isEmpty();
        assertThat(dir.resolve("state/state.json")).doesNotExist();
        assertThat(lab("status").code()).isEqualTo(6);
    }

    /**
     * The control token is in state.json (600, in a 700 directory) and printed by {@code lab dashboard}; not in
     * lab.log (600 anyway) nor in what {@code lab up -d} printed to a file, as in a CI job.
     */
    private void assertTheTokenStaysInTheStateDirectory(Result up) throws Exception {
        JsonNode state = new ObjectMapper().readTree(dir.resolve("state/state.json").toFile());
        String token = state.path("token").asText();
        assertThat(token).isNotBlank();
        assertThat(mode(dir.resolve("state"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("state/state.json"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("state/lab.log"))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("state/lab.log"))).contains("dashboard: ").doesNotContain(token);
        assertThat(up.out() + up.err()).doesNotContain(token).contains("dashboard: " + state.path("controlUrl").asText()
                + "/lab/ (run `lab dashboard` for the address with its token)");
        Result dashboard = lab("dashboard");
        assertThat(dashboard.out().lines()).containsExactly(state.path("controlUrl").asText() + "/lab/?token=" + token);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void ctrlCOnAForegroundLabStopsEveryInstance() throws Exception {
        Process p = start("up", "--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar", SAMPLE_JAR);
        Path out = dir.resolve("out-0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("dashboard: ") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(out)).contains("lab up: router");
        assertThat(Files.readString(out)).as("a foreground lab's output to a file")
                .contains("(run `lab dashboard` for the address with its token)").doesNotContain("token=");
        assertThat(children(p.pid())).hasSize(1);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGINT, as a shell reports Ctrl-C").isEqualTo(130);
        assertThat(children(p.pid())).isEmpty();
        assertThat(Files.readString(dir.resolve("err-0"), StandardCharsets.UTF_8)).contains("stopped 1 instance and the router");
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeEight() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = lab("up", "--port", Integer.toString(taken.getLocalPort()), "--catalog", "../lab.yaml",
                    "--sample-app-jar", SAMPLE_JAR);
            assertThat(r.code()).isEqualTo(8);
            assertThat(r.err().lines()).containsExactly("lab: error: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use; choose another with --port");
        }
    }

    @Test
    void instancesOfALabKilledWithSigkillExitOnTheirOwn() throws Exception {
        assertThat(up("-d").code()).isZero();
        long pid = labPid();
        assertThat(children(pid)).hasSize(1);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        awaitNoChildren(pid, 20);
        assertThat(children(pid)).as("instances still running 20 s after their lab was killed").isEmpty();
    }
}
