package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.Lab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import picocli.CommandLine;

/**
 * The demo scenarios end to end on K3s started by the lab (Docker with privileged containers, and the Jib image
 * tars: ./mvnw -Pimages package). Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sDemoIT {

    @TempDir
    Path state;

    /** {@code lab demo} as a user runs it, with the repository's catalogue and jars (tests run in lab-cli/). */
    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Lab.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar",
                "../sample-app/target/sample-app.jar", "--traffic-gen-jar", "../traffic-gen/target/traffic-gen.jar",
                "--state-dir", state.toString()));
        int code = cmd.execute(all.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void happyPathPromotesV2OnK3s() {
        String[] r = run("demo", "happy-path", "--runtime", "k3s", "--pace", "ci", "--yes");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("happy-path +promoted +promoted +\\d+s +ok");
    }

    @Test
    void slowReleaseRollsV3BackOnK3s() {
        String[] r = run("demo", "slow-release", "--runtime", "k3s", "--pace", "ci", "--yes");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("slow-release +rolled back +rolled back +\\d+s +ok");
    }
}
