package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.catalog.Readiness;
import dev.canarylab.lab.catalog.ServiceSpec;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.rollout.RolloutOutcome;
import dev.canarylab.lab.rollout.Scenario;
import dev.canarylab.lab.rollout.ScenarioLoader;
import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.mix.MixFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab init} writes files that the lab's own loaders accept as they are, and never overwrites by accident. */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void aCommandGivesACatalogueScenariosAConfigAndAMixThatAllLoad() {
        Run run = Run.lab("init", "--command", "java Service.java --port '${PORT}' --release good",
                "--regressed", "java Service.java --port ${PORT} --release slow", "--ready-path", "/health",
                "--endpoint", "/orders@3", "--endpoint", "POST /orders", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote " + dir + "/lab.yaml, canary.yaml, requests.yaml, promote.yaml and"
                + " catch-regression.yaml.", "scripts/lab test --catalog " + dir + "/lab.yaml --junit lab-test.xml "
                + dir + "/promote.yaml " + dir + "/catch-regression.yaml");
        Catalog catalog = CatalogLoader.load(dir.resolve("lab.yaml"));
        assertThat(catalog.stable()).isEqualTo("v1");
        assertThat(catalog.versions()).containsOnlyKeys("v1", "v2", "v2-regressed");
        ServiceSpec v2 = catalog.version("v2").service();
        assertThat(v2.command()).containsExactly("java", "Service.java", "--port", "${PORT}", "--release", "good");
        assertThat(v2.readiness()).isEqualTo(new Readiness.Http("/health", 200));
        assertThat(catalog.version("v2-regressed").service().command()).endsWith("--release", "slow");

        Scenario promote = ScenarioLoader.load(dir.resolve("promote.yaml").toString());
        Scenario regression = ScenarioLoader.load(dir.resolve("catch-regression.yaml").toString());
        assertThat(promote.version()).isEqualTo("v2");
        assertThat(promote.expect()).isEqualTo(RolloutOutcome.PROMOTED);
        assertThat(regression.version()).isEqualTo("v2-regressed");
        assertThat(regression.expect()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(promote.mix()).isEqualTo(dir.resolve("requests.yaml"));
        // The built-in config for services, as it is: nothing a service cannot have (no JVM heap).
        assertThat(ConfigLoader.load(promote.config()).metrics()).extracting(m -> m.name())
                .isEqualTo(ConfigLoader.forServices().metrics().stream().map(m -> m.name()).toList())
                .contains("latency", "errors").doesNotContain("heap");
        assertThat(MixFile.load(promote.mix())).containsExactly(new Endpoint("GET", "/orders", 3),
                new Endpoint("POST", "/orders", 1));
    }

    @Test
    void aJarTakesItsPortFromArgsOrAVariable() throws Exception {
        Files.writeString(dir.resolve("orders.jar"), "");
        Run run = Run.lab("init", "--jar", "orders.jar", "--port-env", "SERVER_PORT", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("give v2-regressed a release known to be worse");
        ServiceSpec v1 = CatalogLoader.load(dir.resolve("lab.yaml")).version("v1").service();
        assertThat(v1.jar()).isEqualTo(dir.resolve("orders.jar").toAbsolutePath());
        assertThat(v1.env()).containsEntry("SERVER_PORT", "${PORT}");
        assertThat(v1.readiness()).isInstanceOf(Readiness.Tcp.class);
        assertThat(Files.readString(dir.resolve("lab.yaml"))).contains("story: TO DO - a release known to be worse");
    }

    @Test
    void anImageGetsItsContainerPortAndTheNextStepsSayK3s() {
        Run run = Run.lab("init", "--image", "ghcr.io/acme/orders:1.5", "--port", "8080", "--regressed",
                "ghcr.io/acme/orders:1.4-slow", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Catalog catalog = CatalogLoader.load(dir.resolve("lab.yaml"));
        assertThat(catalog.version("v2").service().image()).isEqualTo("ghcr.io/acme/orders:1.5");
        assertThat(catalog.version("v2").service().port()).isEqualTo(8080);
        assertThat(catalog.version("v2-regressed").service().image()).isEqualTo("ghcr.io/acme/orders:1.4-slow");
        assertThat(run.out()).contains("scripts/lab test --runtime k3s --catalog");
    }

    @Test
    void existingFilesAreKeptUnlessForced() throws Exception {
        Files.writeString(dir.resolve("promote.yaml"), "mine\n");
        String[] init = {"init", "--command", "./serve --port ${PORT}", "--dir", dir.toString()};

        Run refused = Run.lab(init);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("lab: error: " + dir.resolve("promote.yaml")
                + " already exists; --force overwrites it" + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("promote.yaml"))).isEqualTo("mine\n");
        assertThat(dir.resolve("lab.yaml")).doesNotExist();

        Run forced = Run.lab(Stream.concat(Arrays.stream(init), Stream.of("--force")).toArray(String[]::new));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(dir.resolve("promote.yaml"))).contains("version: v2");
    }
}
