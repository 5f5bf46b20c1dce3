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
 * Requests the lab sends itself, at a steady rate with traffic-gen's default mix (four /api/stories to one
 * /api/color), each with a header. Blue-green's smoke traffic on the preview route (header {@code X-Lab-Track},
 * shared equally by the preview tracks, so that the new version and its baseline are compared on the same requests
 * before any user reaches them), and an A/B scenario's users who carry the header a route matches.
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
        this(routerUrl, perSecond, tracks.stream().map(t -> new String[] {HEADER, t.label()}).toList());
    }

    /** {@code perSecond} requests a second, all with {@code header: value}. */
    static PreviewTraffic withHeader(String routerUrl, double perSecond, String header, String value) {
        return new PreviewTraffic(routerUrl, perSecond, List.<String[]>of(new String[] {header, value}));
    }

    private PreviewTraffic(String routerUrl, double perSecond, List<String[]> headers) {
        List<HttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/api/stories", "/api/stories", "/api/color", "/api/stories", "/api/stories")) {
            for (String[] h : headers) {
                requests.add(HttpRequest.newBuilder(URI.create(routerUrl + path)).header(h[0], h[1])
                        .timeout(Duration.ofSeconds(5)).GET().build());
            }
        }
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        timer.scheduleAtFixedRate(() -> http.sendAsync(requests.get((int) (sent.getAndIncrement() % requests.size())),
                HttpResponse.BodyHandlers.discarding()), 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
