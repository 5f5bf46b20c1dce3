package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.canarylab.traffic.stats.Summary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request-mix file drives a real run: each request goes out with its method, headers and body, and what
 * counts as ok follows each request's success statuses.
 */
class MixIT {

    @Test
    void requestsCarryTheirBodiesAndHeadersAndSuccessFollowsTheMix(@TempDir Path dir) throws Exception {
        Map<String, LongAdder> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> answer(exchange, seen));
        server.start();
        try {
            Path mix = Files.writeString(dir.resolve("requests.yaml"), """
                    requests:
                      - path: /orders
                        weight: 4
                      - name: place order
                        method: POST
                        path: /orders
                        headers: {X-Tenant: acme}
                        body: {item: book}
                        weight: 2
                        success: [201]
                      - path: /orders/none
                        success: [404]
                      - path: /broken
                    """);
            TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + server.getAddress().getPort())
                    .mix(mix).rps(40).duration(Duration.ofSeconds(4)).noReport().build();
            RunningTraffic.Result result = TrafficGenerator.start(options, Processes.JAR).await();
            Summary s = result.summary();

            assertThat(s.endpoints()).containsOnlyKeys("GET /orders", "place order", "GET /orders/none", "GET /broken");
            // Every POST arrived with its header and JSON body (the server answers 201 only then), and counts as ok.
            assertThat(s.endpoints().get("place order").count()).isPositive()
                    .isEqualTo(seen.get("POST /orders acme {\"item\":\"book\"}").sum());
            assertThat(s.endpoints().get("place order").ko()).isZero();
            // 404 is success where the mix says so, and an error where it does not.
            assertThat(s.endpoints().get("GET /orders/none").ko()).isZero();
            assertThat(s.endpoints().get("GET /broken").ko()).isEqualTo(s.endpoints().get("GET /broken").count()).isPositive();
            assertThat(s.errors()).containsOnlyKeys("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, Map<String, LongAdder> seen) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String tenant = exchange.getRequestHeaders().getFirst("X-Tenant");
        boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
        seen.computeIfAbsent(method + " " + path + " " + tenant + " " + body, k -> new LongAdder()).increment();
        int status = path.equals("/orders") ? method.equals("GET") ? 200
                : "acme".equals(tenant) && json && body.equals("{\"item\":\"book\"}") ? 201 : 400
                : 404;
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
