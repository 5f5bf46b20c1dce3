package dev.canarylab.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Exercises every endpoint once, so that the build can record the loaded classes into a class-data-sharing archive
 * ({@code target/sample-app.jsa}). Starting with that archive roughly halves the time to ready, which matters to a
 * lab that restarts crashed instances and scales replicas while an audience watches.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        try (SampleApp app = SampleApp.start("--host", "127.0.0.1", "--port", "0", "--seed", "1", "--error-rate", "0.5",
                "--latency", "1ms", "--latency-ratio", "0.5")) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port();
            for (String path : new String[] {"/", "/api/color", "/api/stories", "/version", "/health/live", "/health/ready",
                    "/metrics", "/admin/faults", "/missing"}) {
                for (int i = 0; i < 3; i++) {
                    client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            client.send(HttpRequest.newBuilder(URI.create(base + "/admin/faults"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 0.1}")).build(), HttpResponse.BodyHandlers.discarding());
        }
        System.exit(0);
    }
}
