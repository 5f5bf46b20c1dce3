package dev.canarylab.lab.files;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that only their owner may read: the state directory (700) and what the lab writes in it
 * (600), since the state and the logs carry the control token. An existing directory or file is tightened, not
 * trusted: a directory made by hand with {@code mkdir} is 755.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final int STICKY = 01000;

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and its parents) if needed and makes it 700; a directory that cannot be is bad input. */
    public static void directory(Path dir) {
        try {
            if (!POSIX) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            if (!Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
                refuseShared(dir);
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        } catch (IOException e) {
            throw new LabException(ExitCodes.USAGE, "cannot use " + dir + " as the lab's state directory (--state-dir): "
                    + describe(e), e);
        }
    }

    /** Creates {@code file} empty, or empties it, readable and writable by its owner only (600). */
    public static Path emptyFile(Path file) {
        try {
            if (POSIX && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.write(file, new byte[0]);
            return restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes an existing {@code file} 600 (a file created by a child process gets the umask's 644). */
    public static Path restrict(Path file) {
        try {
            if (POSIX && Files.exists(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file + " to its owner: " + e.getMessage(), e);
        }
    }

    /** What went wrong, without the exception's class name: "not a directory", "permission denied". */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /**
     * Refuses a directory shared by design, such as /tmp (sticky bit): taking it over for one user would break
     * everybody else's use of it, and the lab needs a directory of its own anyway.
     */
    private static void refuseShared(Path dir) throws IOException {
        Object mode;
        try {
            mode = Files.getAttribute(dir, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (mode instanceof Integer m && (m & STICKY) != 0) {
            throw LabException.badInput("--state-dir " + dir + " is a shared directory (sticky bit, like /tmp);"
                    + " give the lab a directory of its own, such as " + dir.resolve("lab"));
        }
    }
}
