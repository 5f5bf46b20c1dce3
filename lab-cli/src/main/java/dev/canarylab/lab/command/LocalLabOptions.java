package dev.canarylab.lab.command;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that bring up a lab of their own (`lab demo`, `lab test`), on any runtime. */
public final class LocalLabOptions {

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:LAB_PORT:-8080}", converter = PortConverter.class,
            description = "Router port; 0 picks a free one (LAB_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where reports go (default: reports/ in the state directory).")
    Path reports;

    @Option(names = "--catalog", paramLabel = "FILE", defaultValue = "${env:LAB_CATALOG:-lab.yaml}",
            description = "Version catalogue (LAB_CATALOG; default: ${DEFAULT-VALUE}).")
    Path catalog;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${env:LAB_SEED:-42}",
            description = "Seed of the instances' faults (LAB_SEED; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample-app-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_SAMPLE_APP_JAR:-sample-app/target/sample-app.jar}",
            description = "sample-app jar (LAB_SAMPLE_APP_JAR; default: ${DEFAULT-VALUE}).")
    Path sampleJar;

    @Option(names = "--traffic-gen-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_TRAFFIC_GEN_JAR:-traffic-gen/target/traffic-gen.jar}",
            description = "traffic-gen jar (LAB_TRAFFIC_GEN_JAR; default: ${DEFAULT-VALUE}).")
    Path trafficJar;

    void validate() {
        runtime.validate();
    }

    Path reportDir(StateDirOption state) {
        return reports != null ? reports : state.dir.resolve("reports");
    }
}
