package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a rollout: traffic goes back to stable at once, the canary and baseline are removed,
 * the rollout's traffic stops, and once the lab is down nothing it started is left running.
 */
class RolloutInterruptIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LabRun lab;

    @AfterEach
    void cleanUp() throws Exception {
        if (lab != null) {
            if (Files.exists(lab.state().resolve("state.json"))) {
                lab.run(60, List.of("down"));
            }
            lab.destroyAll();
        }
    }

    @Test
    void ctrlCDuringARolloutRestoresStableAndLeavesNothingBehind() throws Exception {
        lab = new LabRun(dir);
        List<String> up = new ArrayList<>(List.of("up", "-d", "--port", "0", "--catalog", "../lab.yaml",
                "--sample-app-jar", LabRun.SAMPLE_JAR, "--traffic-gen-jar", LabRun.TRAFFIC_JAR));
        LabRun.Result started = lab.run(120, up);
        assertThat(started.code()).as(started.err()).isZero();
        long labPid = JSON.readTree(lab.state().resolve("state.json").toFile()).path("pid").asLong();

        Path strategy = dir.resolve("long-pause.yaml");
        Files.writeString(strategy, """
                strategy: canary
                steps:
                  - setWeight: 30
                  - pause: 5m
                """);
        Process rollout = lab.start(List.of("rollout", "v3", "--strategy", strategy.toString(), "--rps", "20",
                "--reports", dir.resolve("reports").toString()));
        int rolloutIndex = 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode status = null;
        while (System.nanoTime() < deadline && rollout.isAlive()) {
            status = status();
            if (status != null && status.path("canaryWeight").asInt() == 30) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(status).as("status while the rollout runs; rollout stderr:%n%s", lab.err(rolloutIndex)).isNotNull();
        assertThat(status.path("canaryWeight").asInt()).as(lab.err(rolloutIndex)).isEqualTo(30);
        assertThat(versions(status)).containsExactlyInAnyOrder("stable v1", "baseline v1", "canary v3");
        assertThat(LabRun.children(labPid)).as("stable, baseline, canary and traffic-gen").hasSizeGreaterThanOrEqualTo(4);

        new ProcessBuilder("kill", "-INT", Long.toString(rollout.pid())).start().waitFor();
        assertThat(rollout.waitFor(40, TimeUnit.SECONDS)).as("rollout stopped after Ctrl-C").isTrue();
        assertThat(rollout.exitValue()).as("exit code after Ctrl-C; stderr:%n%s", lab.err(rolloutIndex)).isEqualTo(130);
        assertThat(lab.err(rolloutIndex)).contains("Stopped: Ctrl-C").contains("100% of traffic to v1");

        JsonNode after = status();
        assertThat(after.path("canaryWeight").asInt()).isZero();
        assertThat(versions(after)).containsExactly("stable v1");
        String router = JSON.readTree(lab.state().resolve("state.json").toFile()).path("routerUrl").asText();
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(router + "/version"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).as("request %d after Ctrl-C", i).contains("v1").doesNotContain("v3");
        }

        LabRun.Result down = lab.run(60, List.of("down"));
        assertThat(down.code()).as(down.err()).isZero();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!LabRun.children(labPid).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(LabRun.children(labPid)).as("processes left after lab down").isEmpty();
    }

    private JsonNode status() throws Exception {
        LabRun.Result r = lab.run(30, List.of("status", "--json"));
        return r.code() == 0 ? JSON.readTree(r.out()) : null;
    }

    private static List<String> versions(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.path("tracks").forEach(t -> out.add(t.path("track").asText() + " " + t.path("version").asText()));
        return out;
    }
}
