package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.LabState;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.runtime.AudienceStatus;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lab up -d}: starts a foreground lab as a background process (in its own session, so closing the
 * terminal does not stop it; output to {@code .lab/lab.log}) and returns once its stable version is ready.
 */
final class Detacher {

    private final UpCommand up;
    private final StateFile file;

    Detacher(UpCommand up, StateFile file) {
        this.up = up;
        this.file = file;
    }

    int run() throws IOException, InterruptedException {
        Path log = file.createLog();
        List<String> cmd = new ArrayList<>();
        // setsid execs the JVM (a child of ours is no process-group leader), so the lab keeps this process's pid.
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.canarylab.lab.Lab"));
        cmd.addAll(up.foregroundArgs());
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + (up.timeoutSeconds() + 30L) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new LabException(p.exitValue() == 0 ? ExitCodes.NOT_READY : p.exitValue(),
                        lastError(log).orElse("the lab stopped while starting (exit " + p.exitValue() + "); see " + log));
            }
            Optional<LabState> s = file.read().filter(st -> st.pid() == p.pid());
            if (s.isPresent()) {
                RuntimeStatus status = tryStatus(s.get());
                TrackStatus stable = status == null ? null : status.track(Track.STABLE);
                if (stable != null && stable.ready() >= stable.desired()) {
                    up.spec().commandLine().getOut().println("lab up: router " + status.routerUrl() + ", stable "
                            + stable.version() + " (" + stable.color() + ") " + stable.ready() + "/" + stable.desired()
                            + " ready; running in the background (pid " + s.get().pid() + ", log " + log + "); 'lab down' stops it");
                    up.spec().commandLine().getOut().println("dashboard: "
                            + DashboardAddress.forLine(s.get(), DashboardAddress.Stream.OUT, true));
                    audience(new ControlClient(s.get()));
                    return ExitCodes.OK;
                }
            }
            Thread.sleep(100);
        }
        p.destroy();
        throw new LabException(ExitCodes.NOT_READY, "the lab did not become ready in time; see " + log);
    }

    /** The background lab's audience address and QR code, when it runs audience mode. */
    private void audience(ControlClient client) {
        if (up.audienceOptions().args().isEmpty()) {
            return;
        }
        AudienceStatus a = ControlClient.parse(client.get("/v1/audience"), AudienceStatus.class);
        AudienceOptions.announce(up.spec().commandLine().getOut(), a.url(), up.audienceOptions().rate);
    }

    private static RuntimeStatus tryStatus(LabState s) {
        try {
            return new ControlClient(s).status();
        } catch (LabException e) {
            return null;
        }
    }

    private static Optional<String> lastError(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("lab: error: ")) {
                return Optional.of(lines.get(i).substring("lab: error: ".length()));
            }
        }
        return Optional.empty();
    }
}
