package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.ServiceSpec;
import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Track;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Starts one instance of a service version (a catalogue version that is not sample-app): its command with the
 * placeholders filled, on a free loopback port, in its workdir, with its env, its output (stdout and stderr) appended
 * to its own log file, and in a session of its own ({@code setsid}) whose process group the {@link Watchdog} kills
 * if the lab is killed.
 */
final class ServiceLauncher {

    /** util-linux's setsid, where there is one (Linux); elsewhere a service shares the lab's process group. */
    static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private final Path logDir;
    private final Watchdog watchdog;

    ServiceLauncher(Path logDir, Watchdog watchdog) {
        this.logDir = logDir;
        this.watchdog = watchdog;
    }

    /** A started instance and where it listens and writes. */
    record Started(Process process, int port, Path log) {
    }

    Started start(VersionSpec version, Track track, String instanceId) throws IOException {
        ServiceSpec spec = version.service();
        int port = freePort();
        UnaryOperator<String> fill = s -> s.replace(ServiceSpec.PORT, Integer.toString(port))
                .replace("${VERSION}", version.name()).replace("${TRACK}", track.label())
                .replace("${INSTANCE}", instanceId);
        List<String> argv = spec.argv(Path.of(System.getProperty("java.home"), "bin", "java").toString(), fill);
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            cmd.add(SETSID.toString());
        }
        cmd.addAll(argv);
        Path log = log(instanceId);
        Files.writeString(log, "--- lab: " + Instant.now() + " starting " + instanceId + " on port " + port + ": "
                + String.join(" ", argv) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.workdir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        spec.env().forEach((name, value) -> pb.environment().put(name, fill.apply(value)));
        Process p = pb.start();
        watchdog.watch(p.pid());
        return new Started(p, port, log);
    }

    /** The instance's log file under the state directory: every start of it, appended. */
    Path log(String instanceId) throws IOException {
        Files.createDirectories(logDir);
        return logDir.resolve(instanceId + ".log");
    }

    void exited(Process p) {
        watchdog.forget(p.pid());
    }

    // The port is free now; the instance binds it a moment later. Another process could take it in between, and
    // then the instance fails to start and is restarted on a new port, as a crash.
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
