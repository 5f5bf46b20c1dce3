package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;

    @Test
    void theStateHoldingTheTokenIsReadableByItsOwnerOnlyAndReadsBackWhole() throws Exception {
        StateFile f = new StateFile(dir.resolve(".lab"));
        LabState s = new LabState(123, "http://127.0.0.1:4000", "http://127.0.0.1:8080", "secret", Instant.parse("2026-01-01T10:00:00Z"));
        f.write(s);
        f.write(s);
        assertThat(f.read()).contains(s);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".lab")))).isEqualTo("rwx------");
        try (var files = Files.list(dir.resolve(".lab"))) {
            assertThat(files).as("no temporary file left behind").containsExactly(f.path());
        }
    }

    @Test
    void onlyTheLabThatWroteTheStateRemovesIt() {
        StateFile f = new StateFile(dir);
        f.write(new LabState(123, "c", "r", "t", Instant.now()));
        f.deleteIfOwnedBy(456);
        assertThat(f.read()).isPresent();
        f.deleteIfOwnedBy(123);
        assertThat(f.read()).isEmpty();
    }

    @Test
    void aStateLeftByALabThatDiedIsNotARunningLab() {
        StateFile f = new StateFile(dir);
        long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
        f.write(new LabState(dead, "http://127.0.0.1:1", "r", "t", Instant.now()));
        assertThat(ControlClient.find(f)).isEmpty();
    }

    @Test
    void thePrometheusUrlReadsBackAndOlderOrNewerStateFilesStillRead() throws Exception {
        StateFile f = new StateFile(dir);
        LabState s = new LabState(123, "c", "r", "t", Instant.parse("2026-01-01T10:00:00Z"), "http://127.0.0.1:9090");
        f.write(s);
        assertThat(f.read()).contains(s);
        // Written before prometheusUrl existed: no Prometheus.
        Files.writeString(f.path(), "{\"pid\":1,\"controlUrl\":\"c\",\"routerUrl\":\"r\",\"token\":\"t\","
                + "\"startedAt\":\"2026-01-01T10:00:00Z\"}");
        assertThat(f.read()).contains(new LabState(1, "c", "r", "t", Instant.parse("2026-01-01T10:00:00Z")));
        assertThat(f.read().orElseThrow().prometheusUrl()).isNull();
        // Written by a later release with a field this one does not know.
        Files.writeString(f.path(), "{\"pid\":1,\"controlUrl\":\"c\",\"routerUrl\":\"r\",\"token\":\"t\","
                + "\"startedAt\":\"2026-01-01T10:00:00Z\",\"grafanaUrl\":\"g\"}");
        assertThat(f.read()).isPresent();
    }

    @Test
    void aStateDirectoryThatExistedWithLoosePermissionsIsMadePrivate() throws Exception {
        Path lab = Files.createDirectory(dir.resolve(".lab"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        StateFile f = new StateFile(lab);
        f.write(new LabState(123, "c", "r", "secret", Instant.now()));
        assertThat(mode(lab)).isEqualTo("rwx------");
        assertThat(mode(f.path())).isEqualTo("rw-------");
    }

    @Test
    void theLabLogIsEmptiedAndReadableByItsOwnerOnlyEvenIfAnOlderOneWasNot() throws Exception {
        StateFile f = new StateFile(dir.resolve(".lab"));
        Files.createDirectories(f.dir());
        Files.writeString(f.logFile(), "dashboard: http://127.0.0.1:4000/lab/?token=old\n");
        Files.setPosixFilePermissions(f.logFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(f.createLog()).isEqualTo(f.logFile());
        assertThat(mode(f.logFile())).isEqualTo("rw-------");
        assertThat(f.logFile()).isEmptyFile();
        assertThat(mode(f.dir())).isEqualTo("rwx------");
    }

    @Test
    void aSharedDirectoryLikeTmpIsRefusedRatherThanTakenOver() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        assertThat(new ProcessBuilder("chmod", "1777", shared.toString()).start().waitFor()).isZero();
        LabException e = catchThrowableOfType(() -> new StateFile(shared).createDirectory(), LabException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.getMessage()).startsWith("--state-dir " + shared + " is a shared directory (sticky bit, like /tmp)");
        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
    }

    @Test
    void aStateDirectoryThatIsAFileIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        LabException e = catchThrowableOfType(() -> new StateFile(file).createDirectory(), LabException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.getMessage()).isEqualTo("cannot use " + file + " as the lab's state directory (--state-dir): "
                + "it exists and is not a directory");
    }

    @Test
    void aStateWhosePidNowBelongsToAnotherProcessIsNotARunningLabAndIsRemovedWithoutTouchingIt() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            StateFile f = new StateFile(dir);
            // The lab that wrote it was this JVM; its pid is now the sleep's.
            f.write(new LabState(other.pid(), "http://127.0.0.1:1", "r", "t", Instant.now(), null, LabProcess.current()));
            assertThat(ControlClient.find(f)).isEmpty();
            assertThat(f.removeStale()).contains("removed the stale " + f.path() + ": its lab (pid " + other.pid()
                    + ") is gone and pid " + other.pid() + " now belongs to another process, which was left alone");
            assertThat(f.path()).doesNotExist();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void theLabsOwnProcessIsARunningLabAndItsStateIsNotStale() {
        StateFile f = new StateFile(dir);
        f.write(new LabState(ProcessHandle.current().pid(), "c", "r", "t", Instant.now(), null, LabProcess.current()));
        assertThat(f.read().orElseThrow().process()).isEqualTo(LabProcess.current());
        assertThat(ControlClient.find(f)).isPresent();
        assertThat(f.removeStale()).isEmpty();
        assertThat(f.path()).exists();
    }

    @Test
    void aStateOfADeadLabIsRemovedAsStale() {
        StateFile f = new StateFile(dir);
        long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
        f.write(new LabState(dead, "c", "r", "t", Instant.now(), null, LabProcess.current()));
        assertThat(f.removeStale()).contains("removed the stale " + f.path() + ": its lab (pid " + dead + ") is gone");
        assertThat(f.path()).doesNotExist();
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
