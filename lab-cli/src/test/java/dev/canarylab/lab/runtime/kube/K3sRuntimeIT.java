package dev.canarylab.lab.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The k3s runtime on a real K3s: Traefik splits and previews by header, promotion moves stable. Needs Docker. */
@Testcontainers(disabledWithoutDocker = true)
class K3sRuntimeIT {

    @TempDir
    Path state;

    @Test
    void traefikPreviewsTheCanaryByHeaderAndPromotionMovesStable() throws Exception {
        Catalog catalog = CatalogLoader.load(Path.of("../lab.yaml"));
        Clusters.Request r = new Clusters.Request(catalog, "canary-lab", null, 42, 1, state,
                Path.of("../sample-app/target/sample-app.jar"), Path.of("../traffic-gen/target/traffic-gen.jar"),
                Path.of("../grafana"), Duration.ofSeconds(180), null);
        try (KubeRuntime rt = Clusters.k3s(r, System.err::println)) {
            rt.awaitReady(Track.STABLE, Duration.ofSeconds(180));
            rt.deploy("v2", Track.CANARY, 1);
            rt.awaitReady(Track.CANARY, Duration.ofSeconds(180));
            HttpClient http = HttpClient.newHttpClient();
            String preview = get(http, rt.routerUrl(), "canary");
            assertThat(preview).contains("v2");
            assertThat(get(http, rt.routerUrl(), null)).contains("v1");
            rt.promote();
            assertThat(get(http, rt.routerUrl(), null)).contains("v2");
            assertThat(rt.status().tracks()).hasSize(1);
        }
    }

    private static String get(HttpClient http, String base, String track) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/color")).timeout(Duration.ofSeconds(10));
        if (track != null) {
            b.header(Manifests.TRACK_HEADER, track);
        }
        // Traefik picks up a new route a moment after it is applied: a few tries, each on the watch-driven config.
        for (int i = 0; ; i++) {
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200 || i == 30) {
                return res.body();
            }
            Thread.sleep(1000);
        }
    }
}
