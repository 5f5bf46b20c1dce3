package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The command line of one sample-app child: a small heap, the class-data-sharing archive when the build made one,
 * a free loopback port, the version's faults, and the lab's pid so that the child exits when the lab is gone. Its
 * admin token goes in the environment, which other users cannot read, unlike the command line ({@code ps}).
 */
record Launcher(Path sampleJar, String heap, long seed, long labPid, String adminToken) {

    static final String ADMIN_TOKEN_VARIABLE = "SAMPLE_ADMIN_TOKEN";

    // C1 only: instances start in half the time and leave the second core to the others; their steady-state
    // speed is not what the lab measures (every version runs with the same flags).
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    List<String> command(VersionSpec version, Track track, String instanceId, int replica) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(JVM);
        Path cds = cdsArchive();
        if (cds != null) {
            cmd.addAll(List.of("-XX:SharedArchiveFile=" + cds, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        cmd.addAll(List.of("-jar", sampleJar.toString(),
                "--host", "127.0.0.1", "--port", "0",
                "--version", version.name(), "--color", version.color(), "--track", track.label(),
                "--instance-id", instanceId, "--seed", Long.toString(seed(version.name(), track, replica)),
                "--drain-timeout", "5s", "--exit-with-parent", Long.toString(labPid)));
        cmd.addAll(version.faultArgs());
        return cmd;
    }

    /**
     * The child's environment: the lab's, less its SAMPLE_* variables (an instance is configured by its flags
     * alone: an inherited SAMPLE_MANAGEMENT_PORT would move its admin API), plus the admin token.
     */
    void environment(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("SAMPLE_"));
        env.put(ADMIN_TOKEN_VARIABLE, adminToken);
    }

    /** A new random token, one per lab: 256 bits, hex. */
    static String newAdminToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Each replica its own seed, the same on every run of the lab with the same --seed. */
    long seed(String version, Track track, int replica) {
        return seed * 1_000_003L + (version + "/" + track.label() + "/" + replica).hashCode();
    }

    // A record would print every component, the token with them.
    @Override
    public String toString() {
        return "Launcher[" + sampleJar + ", heap " + heap + ", seed " + seed + "]";
    }

    Path cdsArchive() {
        String name = sampleJar.getFileName().toString().replaceFirst("\\.jar$", ".jsa");
        Path jsa = sampleJar.resolveSibling(name);
        return Files.isRegularFile(jsa) ? jsa : null;
    }
}
