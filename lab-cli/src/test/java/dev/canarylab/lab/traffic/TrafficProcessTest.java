package dev.canarylab.lab.traffic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficProcessTest {

    @TempDir
    Path dir;

    @Test
    void aMissingTrafficGenJarSaysHowToBuildIt() {
        TrafficProcess t = new TrafficProcess(dir.resolve("traffic-gen.jar"), line -> { });
        assertThatThrownBy(() -> t.start("http://127.0.0.1:8080", List.of("--rps", "5")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("traffic-gen jar not found at ")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.MISSING_JAR);
    }

    @Test
    void theTargetIsAlwaysTheRouter() throws Exception {
        TrafficProcess t = new TrafficProcess(Files.createFile(dir.resolve("traffic-gen.jar")), line -> { });
        assertThatThrownBy(() -> t.start("http://127.0.0.1:8080", List.of("--target=http://example.com")))
                .hasMessage("lab traffic always targets the lab's router; leave out --target");
    }
}
