package dev.canarylab.lab.traffic;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a command so that it stops when the lab does, even when the lab is killed with SIGKILL and its shutdown
 * hook never runs: a POSIX shell starts the command, checks every second that the lab is alive, and sends the
 * command SIGTERM when it is not (or when the shell itself gets SIGTERM, as from {@link Process#destroy()}); it
 * exits with the command's code. For programs without a parent watch of their own (sample-app has
 * {@code --exit-with-parent}; traffic-gen does not).
 */
public final class ParentWatch {

    private static final String SCRIPT = """
            parent=$1; shift
            "$@" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT
            while kill -0 "$child" 2>/dev/null; do
              if ! kill -0 "$parent" 2>/dev/null; then kill -TERM "$child" 2>/dev/null; fi
              sleep 1 & wait $!
            done
            wait "$child"
            """;

    private ParentWatch() {
    }

    /** {@code command} under the watch of {@code parentPid}; the command itself where there is no /bin/sh. */
    public static List<String> wrap(long parentPid, List<String> command) {
        if (!new File("/bin/sh").canExecute()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "lab-parent-watch", Long.toString(parentPid)));
        wrapped.addAll(command);
        return wrapped;
    }
}
