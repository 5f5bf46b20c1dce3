package dev.canarylab.lab.command;

import dev.canarylab.lab.control.Dashboard;
import dev.canarylab.lab.control.LabState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dashboard's address as the commands print it. Its token lets whoever holds it steer the lab, so it is
 * shown only to a person at a terminal: output that goes to a file, a pipe or a CI log (lab.log, {@code lab up
 * -d | tee}, a CI job's console) gets the address without it and how to get it. {@code lab dashboard} always
 * prints it whole: asking for it is the point of that command.
 */
final class DashboardAddress {

    static final String HINT = "run `lab dashboard` for the address with its token";

    /** Where a line goes: a person may be watching it only if it is a terminal. */
    enum Stream {
        OUT(1), ERR(2);

        private final int fd;

        Stream(int fd) {
            this.fd = fd;
        }
    }

    private DashboardAddress() {
    }

    /** The address for a line on {@code stream}; {@code attended} is false for runs nobody watches (lab test). */
    static String forLine(LabState state, Stream stream, boolean attended) {
        return attended && atTerminal(stream) ? Dashboard.url(state) : withoutToken(state);
    }

    static String withoutToken(LabState state) {
        return state.controlUrl() + Dashboard.PATH + " (" + HINT + ")";
    }

    /**
     * Whether {@code stream} is a terminal of an interactive session outside CI. {@code System.console()} is
     * there only when standard input and output are terminals; /proc tells which device each stream is on
     * Linux (elsewhere the console decides alone); CI runners set CI, and some give their jobs a terminal.
     */
    static boolean atTerminal(Stream stream) {
        return atTerminal(System.console() != null, device(stream), System.getenv());
    }

    static boolean atTerminal(boolean console, String device, Map<String, String> env) {
        if (!console || isSet(env.get("CI"))) {
            return false;
        }
        return device == null || device.startsWith("/dev/pts/") || device.startsWith("/dev/tty")
                || device.equals("/dev/console");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    /** The file {@code stream} is written to, from /proc; null where there is no /proc. */
    private static String device(Stream stream) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + stream.fd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
