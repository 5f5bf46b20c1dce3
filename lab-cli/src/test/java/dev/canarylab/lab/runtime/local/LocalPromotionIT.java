package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A promotion on the local runtime waits as long as the lab was told to wait for readiness, as on a cluster. */
class LocalPromotionIT {

    private static final String CATALOG = """
            stable: v1
            versions:
              v1: {color: blue}
              v7: {color: grey, faults: {unready: true}}
            """;

    @Test
    void aPromotionThatNeverGetsReadyStallsAfterTheConfiguredTimeoutNotAFixedMinute() throws Exception {
        Path dir = Files.createTempDirectory("lab-promote");
        Path catalog = Files.writeString(dir.resolve("lab.yaml"), CATALOG);
        Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
        List<String> log = new ArrayList<>();
        LocalRuntime.Settings settings = new LocalRuntime.Settings(jar, "127.0.0.1", 0, "96m", 7, 1)
                .withReadyTimeout(Duration.ofSeconds(3));
        try (LocalRuntime rt = LocalRuntime.start(CatalogLoader.load(catalog), settings, log::add)) {
            rt.awaitReady(Track.STABLE, Duration.ofSeconds(60));
            rt.deploy("v7", Track.CANARY, 1);

            long started = System.nanoTime();
            assertThatThrownBy(rt::promote).isInstanceOf(LabException.class)
                    .hasMessageStartingWith("promotion stalled: v7 on stable: 0/1 ready after 3 s;")
                    .hasMessageContaining("'lab rollback'")
                    .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.NOT_READY);
            // Generous for a busy machine; the defect waited 60 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
        }
    }
}
