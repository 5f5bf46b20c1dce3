package dev.canarylab.lab.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the lab's process is, beyond its pid: a pid is reused once its process exits, so a stale
 * {@code state.json} may name a shell, an editor or another user's program. The lab is the live process with
 * this pid, start instant and command line; anything else is not signalled and does not count as a running lab.
 *
 * @param start       when the process started ({@link ProcessHandle.Info#startInstant()}), or null if unknown
 * @param commandLine its command line ({@link ProcessHandle.Info#commandLine()}), or null if unknown
 */
public record LabProcess(Instant start, String commandLine) {

    /**
     * Linux derives a start instant from the boot time, which each JVM reads once and which moves with clock
     * corrections; a second apart is still the same process (a pid is not reused that fast with the same command).
     */
    static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    /** The identity of {@code p} as it looks now. */
    public static LabProcess of(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        return new LabProcess(info.startInstant().orElse(null), info.commandLine().or(info::command).orElse(null));
    }

    /** This JVM: what a lab records of itself. */
    public static LabProcess current() {
        return of(ProcessHandle.current());
    }

    /**
     * The live process with {@code pid} if it is the one described by {@code expected}; a state file written
     * before the lab recorded its identity ({@code expected} null) trusts the pid alone, as it always did.
     */
    public static Optional<ProcessHandle> find(long pid, LabProcess expected) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> expected == null || expected.matches(of(p)));
    }

    /**
     * Whether {@code live} is this process. What was recorded must be seen again (a process whose details this
     * user may not read is not the lab, which runs as this user); what could not be recorded is not compared.
     */
    boolean matches(LabProcess live) {
        if (start != null && (live.start == null
                || Duration.between(start, live.start).abs().compareTo(START_TOLERANCE) > 0)) {
            return false;
        }
        return commandLine == null || Objects.equals(commandLine, live.commandLine);
    }
}
