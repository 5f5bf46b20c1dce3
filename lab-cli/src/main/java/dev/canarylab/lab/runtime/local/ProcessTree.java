package dev.canarylab.lab.runtime.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process with everything it started: stopped together, and the last lines it wrote. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * SIGTERM to the process and every descendant, then SIGKILL to those left after {@code grace}. The descendants
     * are listed before the first signal: a child orphaned when its parent exits is no longer a descendant, but the
     * handle taken before still reaches it (a handle knows its process's start time, so never a reused pid).
     */
    static void stop(Process root, Duration grace) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root.toHandle());
        root.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (!ProcessExit.await(h, Duration.ofNanos(left))) {
                break;
            }
        }
        root.descendants().forEach(all::add);
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        root.waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * SIGKILL to the process group {@code pgid} led by a service started with {@code setsid}: what is left of it
     * once its leader is gone (a wrapper's children, reparented, so no longer its descendants). A group's id is
     * not given to a new process while any member of the group lives.
     */
    static void killGroup(long pgid) {
        if (ServiceLauncher.SETSID == null) {
            return;
        }
        try {
            new ProcessBuilder("/bin/sh", "-c", "kill -KILL -\"$1\" 2>/dev/null; exit 0", "lab-kill", Long.toString(pgid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no shell: the tree walk before is all there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code n} lines of {@code file} (at most its last 16 KiB), or none when it cannot be read. */
    static List<String> lastLines(Path file, int n) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - 16 * 1024);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            if (from > 0 && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first may be cut
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
