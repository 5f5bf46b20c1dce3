package dev.canarylab.lab.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code .lab/state.json}: written atomically (a private temporary file renamed over the old one), so a reader
 * sees the old state or the new one, never half; readable by its owner only, since it holds the token.
 */
public final class StateFile {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A lab of another release may have written fields this one does not know: still a running lab.
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    public StateFile(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir.resolve("state.json");
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("lab.log");
    }

    /**
     * Creates the directory if it does not exist, and makes it private to its owner (700) if it does. The current
     * or home directory is refused rather than closed to everyone else: the lab needs one of its own.
     */
    public void createDirectory() {
        refuseSpecial();
        PrivateFiles.directory(dir);
    }

    /**
     * Refuses, before anything starts and without creating anything, a state directory that
     * {@link #createDirectory()} would refuse: a special directory, a file, or a path under a file.
     */
    public void check() {
        refuseSpecial();
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw LabException.badInput("cannot use " + dir + " as the lab's state directory (--state-dir): "
                        + (p.equals(abs) ? "it exists and is not a directory" : "Not a directory"));
            }
        }
    }

    private void refuseSpecial() {
        Path abs = dir.toAbsolutePath().normalize();
        String what = abs.getParent() == null ? "the root directory"
                : abs.equals(Path.of("").toAbsolutePath()) ? "the current directory"
                : abs.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize()) ? "your home directory"
                : null;
        if (what != null) {
            throw LabException.badInput("--state-dir " + dir + " is " + what + ", which the lab would make private"
                    + " to you (700); give it a directory of its own, such as " + abs.resolve(".lab"));
        }
    }

    /** Creates the lab's log (or empties the previous one), readable by its owner only: it shows the lab's addresses. */
    public Path createLog() {
        createDirectory();
        return PrivateFiles.emptyFile(logFile());
    }

    public void write(LabState state) {
        createDirectory();
        try {
            Path tmp = POSIX
                    ? Files.createTempFile(dir, "state-", ".tmp", PosixFilePermissions.asFileAttribute(PrivateFiles.FILE))
                    : Files.createTempFile(dir, "state-", ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            try {
                Files.move(tmp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path() + ": " + e.getMessage(), e);
        }
    }

    /** The state of a lab, if the file exists and can be read (it may describe a lab that has died since). */
    public Optional<LabState> read() {
        try {
            return Files.isRegularFile(path()) ? Optional.of(JSON.readValue(path().toFile(), LabState.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a state file whose lab is gone: its process exited, or its pid now belongs to another process.
     * Returns a sentence saying so, for the user; empty when there was no file or its lab is running.
     */
    public Optional<String> removeStale() {
        Optional<LabState> stale = read().filter(s -> s.liveProcess().isEmpty());
        stale.ifPresent(s -> deleteIfOwnedBy(s.pid()));
        return stale.map(s -> "removed the stale " + path() + ": its lab (pid " + s.pid() + ") is gone"
                + (ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)
                        ? " and pid " + s.pid() + " now belongs to another process, which was left alone" : ""));
    }

    /** Removes the file, but only if it still describes the lab with {@code pid} (a newer lab may have replaced it). */
    public void deleteIfOwnedBy(long pid) {
        read().filter(s -> s.pid() == pid).ifPresent(s -> {
            try {
                Files.deleteIfExists(path());
            } catch (IOException e) {
                // a stale file is recognised by its dead pid next time
            }
        });
    }
}
