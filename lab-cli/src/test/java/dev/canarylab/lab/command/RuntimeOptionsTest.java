package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.Lab;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab up --runtime ...}: bad flags and missing clusters are one line and a documented exit code. */
class RuntimeOptionsTest {

    @TempDir
    Path dir;

    private Run up(String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "up";
        args[1] = "--state-dir";
        args[2] = dir.resolve("state").toString();
        args[3] = "--catalog";
        args[4] = "../lab.yaml";
        System.arraycopy(more, 0, args, 5, more.length);
        return Run.lab(args);
    }

    private static void oneErrorLine(Run r, String message) {
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("lab: error: ").contains(message);
    }

    @Test
    void theShellCompletesRuntimeToLocalK3sOrKube() {
        for (String command : List.of("up", "demo", "test")) {
            OptionSpec runtime = Lab.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--runtime");
            assertThat(runtime.completionCandidates()).as(command).containsExactly("local", "k3s", "kube");
        }
    }

    @Test
    void upDemoAndTestOfferThePortCatalogSeedAndJarsAlike() {
        for (String option : List.of("--port", "--catalog", "--seed", "--sample-app-jar", "--traffic-gen-jar")) {
            List<String> seen = Stream.of("up", "demo", "test").map(c -> Lab.commandLine().getSubcommands().get(c)
                    .getCommandSpec().findOption(option)).map(o -> o.defaultValue() + " " + String.join(" ",
                            o.description())).distinct().toList();
            assertThat(seen).as(option).hasSize(1);
        }
    }

    @Test
    void anUnknownRuntimeIsBadUsage() {
        Run r = up("--runtime", "docker");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine(r, "--runtime must be local, k3s or kube, got 'docker'");
    }

    @Test
    void clusterFlagsWithTheLocalRuntimeAreBadUsage() {
        Run r = up("--namespace", "demo");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine(r, "--namespace is for --runtime k3s or kube");
        Run k = up("--runtime", "k3s", "--registry", "ghcr.io/me");
        assertThat(k.exitCode()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine(k, "--kubeconfig, --context and --registry are for --runtime kube");
    }

    @Test
    void aNamespaceThatIsNoKubernetesNameIsBadUsage() {
        Run r = up("--runtime", "kube", "--namespace", "Canary_Lab");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine(r, "--namespace must be a Kubernetes name");
    }

    @Test
    void aMissingKubeconfigIsBadUsage() {
        Run r = up("--runtime", "kube", "--kubeconfig", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        oneErrorLine(r, "no kubeconfig at");
    }

    @Test
    void aClusterThatDoesNotAnswerIsNoCluster() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        Path kubeconfig = dir.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: gone
                    cluster:
                      server: https://127.0.0.1:%d
                      insecure-skip-tls-verify: true
                contexts:
                  - name: gone
                    context:
                      cluster: gone
                      user: me
                      namespace: lab
                current-context: gone
                users:
                  - name: me
                    user:
                      token: t
                """.formatted(port));
        Run r = up("--runtime", "kube", "--kubeconfig", kubeconfig.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NO_CLUSTER);
        oneErrorLine(r, "the cluster at https://127.0.0.1:" + port);
    }

    @Test
    void k3sWithoutJibImagesSaysHowToBuildThem() {
        Run r = up("--runtime", "k3s", "--sample-app-jar", dir.resolve("sample-app/target/sample-app.jar").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.MISSING_JAR);
        oneErrorLine(r, "./mvnw -Pimages");
    }

    @Test
    void k3sWithoutDockerIsNoCluster() throws IOException {
        Path sample = dir.resolve("sample-app/target");
        Path traffic = dir.resolve("traffic-gen/target");
        Files.createDirectories(sample);
        Files.createDirectories(traffic);
        Files.writeString(sample.resolve("jib-image.tar"), "");
        Files.writeString(traffic.resolve("jib-image.tar"), "");
        org.junit.jupiter.api.Assumptions.assumeFalse(org.testcontainers.DockerClientFactory.instance().isDockerAvailable(),
                "Docker is available here: K3sLabIT covers k3s");
        Run r = up("--runtime", "k3s", "--sample-app-jar", sample.resolve("sample-app.jar").toString(),
                "--traffic-gen-jar", traffic.resolve("traffic-gen.jar").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NO_CLUSTER);
        oneErrorLine(r, "--runtime k3s needs a Docker engine");
    }
}
