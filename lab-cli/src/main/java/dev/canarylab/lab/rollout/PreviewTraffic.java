package dev.canarylab.lab.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Blue-green's smoke traffic: requests on the preview route (header {@code X-Lab-Track: canary}) at a steady rate,
 * so that the preview has something to analyse before any user reaches it.
 */
final class PreviewTraffic implements AutoCloseable {

    static final String HEADER = "X-Lab-Track";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "preview-traffic");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PreviewTraffic(String routerUrl, int perSecond) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(routerUrl + "/api/color")).header(HEADER, "canary")
                .timeout(Duration.ofSeconds(5)).GET().build();
        long periodMicros = 1_000_000L / perSecond;
        timer.scheduleAtFixedRate(() -> http.sendAsync(req, HttpResponse.BodyHandlers.discarding()), 0, periodMicros,
                TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
