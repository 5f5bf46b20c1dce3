package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.Lab;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import picocli.CommandLine;

/**
 * The demo scenarios end to end on K3s started by the lab (Docker with privileged containers, and the Jib image
 * tars: ./mvnw -Pimages package). Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sDemoIT {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Lab.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void happyPathPromotesV2OnK3s() {
        String[] r = run("demo", "happy-path", "--runtime", "k3s", "--pace", "ci", "--yes");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsIgnoringCase("promoted").contains("v2");
    }

    @Test
    void slowReleaseRollsV3BackOnK3s() {
        String[] r = run("demo", "slow-release", "--runtime", "k3s", "--pace", "ci", "--yes");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsIgnoringCase("rolled back").contains("v3");
    }
}
