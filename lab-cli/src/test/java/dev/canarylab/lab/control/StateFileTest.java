package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;

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
}
