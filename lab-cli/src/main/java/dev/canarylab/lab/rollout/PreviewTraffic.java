package dev.canarylab.lab.rollout;

import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blue-green's smoke traffic: requests on the preview route (header {@code X-Lab-Track}) at a steady rate, shared
 * equally by the preview tracks and with traffic-gen's default mix (four /api/stories to one /api/color), so that
 * the new version and its baseline are compared on the same requests before any user reaches them.
 */
final class PreviewTraffic implements AutoCloseable {

    static final String HEADER = "X-Lab-Track";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "preview-traffic");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sent = new AtomicLong();

    PreviewTraffic(String routerUrl, int perSecond, List<Track> tracks) {
        List<HttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/api/stories", "/api/stories", "/api/color", "/api/stories", "/api/stories")) {
            for (Track t : tracks) {
                requests.add(HttpRequest.newBuilder(URI.create(routerUrl + path)).header(HEADER, t.label())
                        .timeout(Duration.ofSeconds(5)).GET().build());
            }
        }
        long periodMicros = 1_000_000L / perSecond;
        timer.scheduleAtFixedRate(() -> http.sendAsync(requests.get((int) (sent.getAndIncrement() % requests.size())),
                HttpResponse.BodyHandlers.discarding()), 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
