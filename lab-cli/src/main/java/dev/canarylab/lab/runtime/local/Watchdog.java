package dev.canarylab.lab.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What stops a lab's services when the lab itself cannot: after a SIGKILL no shutdown hook runs, and a service,
 * unlike sample-app, has no {@code --exit-with-parent}. One small POSIX shell per lab, started with the first
 * service, checks every second that the lab is alive; once it is gone it sends SIGTERM to every process group
 * listed in its file, and SIGKILL 3 s later. Each service runs in a session and process group of its own
 * ({@code setsid}, see {@link ServiceLauncher}), so the group holds every process of its tree, also the children
 * of a shell wrapper and those orphaned when their parent died, which a walk of the process tree would miss.
 * The lab keeps the file to the services it runs; the shell ignores Ctrl-C, which is the lab's to handle.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            lab=$1; list=$2
            trap '' INT HUP
            while kill -0 "$lab" 2>/dev/null; do sleep 1; done
            if [ -s "$list" ]; then
              groups=$(cat "$list")
              for g in $groups; do kill -TERM -"$g" 2>/dev/null || kill -TERM "$g" 2>/dev/null; done
              sleep 3
              for g in $groups; do kill -KILL -"$g" 2>/dev/null || kill -KILL "$g" 2>/dev/null; done
            fi
            rm -f "$list"
            """;

    private final Path list;
    private final long labPid;
    private final Set<Long> groups = ConcurrentHashMap.newKeySet();
    private Process shell;

    Watchdog(Path dir, long labPid) {
        this.labPid = labPid;
        try {
            Files.createDirectories(dir);
            this.list = Files.createTempFile(dir, "watchdog-", ".groups");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the services' watchdog list in " + dir, e);
        }
    }

    /** Whether this system can stop a killed lab's services: a POSIX shell, and {@code setsid} for the groups. */
    static boolean available() {
        return new File("/bin/sh").canExecute();
    }

    /** Adds a service's process group (its leader's pid); starts the shell on first use. */
    synchronized void watch(long pgid) {
        groups.add(pgid);
        write();
        if (shell == null && available()) {
            try {
                shell = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "lab-watchdog", Long.toString(labPid), list.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the services' watchdog (/bin/sh)", e);
            }
        }
    }

    /** The group is gone (its service stopped or exited): no longer the watchdog's to kill. */
    synchronized void forget(long pgid) {
        if (groups.remove(pgid)) {
            write();
        }
    }

    long pid() {
        Process s = shell;
        return s == null ? 0 : s.pid();
    }

    private void write() {
        try {
            Path tmp = list.resolveSibling(list.getFileName() + ".tmp");
            Files.writeString(tmp, groups.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")));
            Files.move(tmp, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the services' watchdog list " + list, e);
        }
    }

    /** Once the lab has stopped its services itself. */
    @Override
    public synchronized void close() {
        if (shell != null) {
            shell.destroy();
        }
        try {
            Files.deleteIfExists(list);
        } catch (IOException e) {
            // a leftover list names no group: harmless
        }
    }

    List<Long> groups() {
        return List.copyOf(groups);
    }
}
