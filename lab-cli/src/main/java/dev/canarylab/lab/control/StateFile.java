package dev.canarylab.lab.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    /** Creates the directory, private to its owner, if it does not exist. */
    public void createDirectory() {
        try {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    public void write(LabState state) {
        createDirectory();
        try {
            Path tmp = POSIX
                    ? Files.createTempFile(dir, "state-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
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
