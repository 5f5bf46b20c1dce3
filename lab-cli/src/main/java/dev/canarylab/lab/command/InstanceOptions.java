package dev.canarylab.lab.command;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a lab started by the command is made of ({@code lab up}, {@code lab demo}, {@code lab test}): the router's
 * port, the catalogue, the faults' seed and the jars of the instances and of the load.
 */
public final class InstanceOptions {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:LAB_PORT:-8080}", converter = PortConverter.class,
            description = "Router (ingress) port; 0 picks a free one (LAB_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--catalog", paramLabel = "FILE", defaultValue = "${env:LAB_CATALOG:-lab.yaml}",
            description = "Version catalogue (LAB_CATALOG; default: ${DEFAULT-VALUE}).")
    Path catalog;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${env:LAB_SEED:-42}",
            description = "Seed of every instance's faults: the same seed replays the same failing requests"
                    + " (LAB_SEED; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample-app-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_SAMPLE_APP_JAR:-sample-app/target/sample-app.jar}",
            description = "sample-app jar; its .jsa beside it is used when present (LAB_SAMPLE_APP_JAR; default:"
                    + " ${DEFAULT-VALUE}).")
    Path sampleJar;

    @Option(names = "--traffic-gen-jar", paramLabel = "JAR",
            defaultValue = "${env:LAB_TRAFFIC_GEN_JAR:-traffic-gen/target/traffic-gen.jar}",
            description = "traffic-gen jar, for the load (LAB_TRAFFIC_GEN_JAR; default: ${DEFAULT-VALUE}).")
    Path trafficJar;

    /** The same choices as arguments, for the background process of {@code lab up -d}. */
    List<String> args() {
        return List.of("--port", Integer.toString(port), "--catalog", catalog.toString(), "--seed", Long.toString(seed),
                "--sample-app-jar", sampleJar.toString(), "--traffic-gen-jar", trafficJar.toString());
    }
}
