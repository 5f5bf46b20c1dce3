package dev.canarylab.lab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogue versions that are one's own service; what the catalogue refuses is in bad-inputs/own-service.yaml. */
class ServiceCatalogTest {

    @TempDir
    Path dir;

    @Test
    void aCommandVersionGetsTcpReadinessAndTheCataloguesFolderByDefault() {
        Catalog c = CatalogLoader.parse("""
                versions:
                  py: {color: teal, command: [sh, -c, 'python3 -m http.server ${PORT}'], env: {APP_TRACK: '${TRACK}'}}
                """, "lab.yaml", dir);
        VersionSpec v = c.version("py");
        assertThat(v.sampleApp()).isFalse();
        ServiceSpec s = v.service();
        assertThat(s.runsLocally()).isTrue();
        assertThat(s.readiness()).isEqualTo(new Readiness.Tcp());
        assertThat(s.startTimeout()).isEqualTo(ServiceSpec.DEFAULT_START_TIMEOUT);
        assertThat(s.workdir()).isEqualTo(dir);
        assertThat(s.env()).containsEntry("APP_TRACK", "${TRACK}");
        assertThat(s.argv("java", a -> a.replace("${PORT}", "4242")))
                .containsExactly("sh", "-c", "python3 -m http.server 4242");
        assertThat(s.metricsPath()).isNull();
        assertThat(s.image()).isNull();
    }

    @Test
    void aJarVersionRunsWithJavaItsJvmArgsThenItsArgsAndReadsItsChecks() throws Exception {
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/orders.jar"), "");
        Catalog c = CatalogLoader.parse("""
                versions:
                  v1:
                    color: blue
                    jar: build/orders.jar
                    jvmArgs: [-Xmx64m]
                    args: ['--port=${PORT}', '--instance=${INSTANCE}']
                    workdir: build
                    readiness: {path: /health/ready, status: 204}
                    startTimeout: 1m30s
                    metricsPath: /metrics
                    image: ghcr.io/acme/orders:1.4
                    port: 8080
                """, "lab.yaml", dir);
        ServiceSpec s = c.version("v1").service();
        assertThat(s.argv("/jdk/bin/java", a -> a.replace("${PORT}", "1").replace("${INSTANCE}", "v1-canary-1")))
                .containsExactly("/jdk/bin/java", "-Xmx64m", "-jar", dir.resolve("build/orders.jar").toString(),
                        "--port=1", "--instance=v1-canary-1");
        assertThat(s.workdir()).isEqualTo(dir.resolve("build"));
        assertThat(s.readiness()).isEqualTo(new Readiness.Http("/health/ready", 204));
        assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.metricsPath()).isEqualTo("/metrics");
        assertThat(s.image()).isEqualTo("ghcr.io/acme/orders:1.4");
        assertThat(s.port()).isEqualTo(8080);
    }

    @Test
    void anImageOnlyVersionDoesNotRunLocallyAndSampleAppVersionsKeepTheirFaults() {
        Catalog c = CatalogLoader.parse("""
                versions:
                  v1: {color: blue, faults: {error-rate: 0.05}}
                  v2: {color: green, image: 'orders:2', port: 9000, readiness: {path: /health}}
                """, "lab.yaml", dir);
        assertThat(c.version("v1").sampleApp()).isTrue();
        assertThat(c.version("v1").faults()).isEqualTo(Map.of("error-rate", "0.05"));
        ServiceSpec s = c.version("v2").service();
        assertThat(s.runsLocally()).isFalse();
        assertThat(s.readiness()).isEqualTo(new Readiness.Http("/health", 200));
        assertThat(s.command()).isEqualTo(List.of());
    }
}
