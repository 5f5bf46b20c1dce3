package dev.canarylab.lab.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waiting for a process that is not this JVM's child (the lab's from {@code lab down}, a grandchild a service's
 * wrapper started). {@link ProcessHandle#onExit()} cannot wait for such a process: the JDK polls it with sleeps of
 * 300 ms and more, growing, and in practice saw an exit about two seconds late. This polls every 20 ms, and counts
 * a zombie as exited: an orphan's exit status waits for init to collect it, which some containers' inits do only
 * now and then (seen here: 1.5 s), while the process has already let go of its ports and files.
 */
public final class ProcessExit {

    private static final long POLL_MILLIS = 20;

    private ProcessExit() {
    }

    /** Whether {@code process} exited within {@code timeout}. */
    public static boolean await(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exited(process)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
        }
        return true;
    }

    /** Whether {@code process} has exited: gone, or a zombie that its parent (init, for an orphan) has not collected. */
    public static boolean exited(ProcessHandle process) {
        return !process.isAlive() || zombie(process.pid());
    }

    /** Linux's state letter Z in /proc/PID/stat (after the command name, which may hold spaces and parentheses). */
    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or gone: isAlive says the rest
        }
    }
}
