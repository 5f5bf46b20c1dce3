package dev.canarylab.lab.workshop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An attendee's terminal in their workshop folder: {@code lab} on the PATH (the built jar, as the bundle's
 * {@code bin/lab} or {@code scripts/lab} would run it), the lab's state in {@code .lab/} of the folder, every lab
 * on a free port ({@code LAB_PORT=0}), and no colours. The pages write the router as {@code http://127.0.0.1:8080}
 * (the default port) and Prometheus as {@code http://127.0.0.1:9090}; commands get the running lab's real
 * addresses (from {@code .lab/state.json}) instead.
 */
final class WorkshopShell {

    record Result(int exitCode, String output) {
    }

    static final String PAGE_ROUTER = "http://127.0.0.1:8080";
    static final String PAGE_PROMETHEUS = "http://127.0.0.1:9090";
    private static final long TIMEOUT_MINUTES = 6;

    private final Path folder;
    private final Path bin;
    private final Path repo;

    WorkshopShell(Path folder, Path repo) throws IOException {
        this.folder = folder;
        this.repo = repo;
        this.bin = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-bin"));
        Path lab = bin.resolve("lab");
        Files.writeString(lab, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -jar '" + repo.resolve("lab-cli/target/lab-cli.jar") + "' \"$@\"\n");
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Path folder() {
        return folder;
    }

    Result run(String line) throws IOException, InterruptedException {
        String command = line.replace(PAGE_ROUTER, stateUrl("routerUrl", PAGE_ROUTER))
                .replace(PAGE_PROMETHEUS, stateUrl("prometheusUrl", PAGE_PROMETHEUS));
        Path out = Files.createTempFile(bin, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LAB_PORT", "0");
        env.put("LAB_STATE_DIR", folder.resolve(".lab").toString());
        env.put("LAB_CATALOG", repo.resolve("lab.yaml").toString());
        env.put("LAB_SAMPLE_APP_JAR", repo.resolve("sample-app/target/sample-app.jar").toString());
        env.put("LAB_TRAFFIC_GEN_JAR", repo.resolve("traffic-gen/target/traffic-gen.jar").toString());
        env.put("LAB_GRAFANA_DIR", repo.resolve("grafana").toString());
        env.put("NO_COLOR", "1");
        env.remove("LAB_PACE");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(out, StandardCharsets.UTF_8) + "\n(killed after " + TIMEOUT_MINUTES + " min)");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** An address of the running lab, or the page's own when no lab runs (the command will then say so). */
    private String stateUrl(String field, String page) throws IOException {
        Path state = folder.resolve(".lab/state.json");
        if (!Files.exists(state)) {
            return page;
        }
        String url = new ObjectMapper().readTree(state.toFile()).path(field).asText("");
        return url.isEmpty() || url.equals("null") ? page : url;
    }
}
