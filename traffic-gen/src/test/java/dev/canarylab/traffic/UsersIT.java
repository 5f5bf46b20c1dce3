package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.canarylab.traffic.users.Users;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Users with several requests each, against a tiny server that pins every new client with a cookie, as session
 * affinity does: each user sends the cookie back on all its later requests, and the header and cookie shares are
 * shares of users, whole users at a time.
 */
class UsersIT {

    private record Seen(String session, boolean beta, boolean betaCookie) {
    }

    @Test
    void aShareOfUsersSendsTheHeaderAndEveryUserSendsBackTheCookieTheServerSet() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicInteger sessions = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> answer(exchange, seen, sessions));
        server.start();
        try {
            int perUser = 4;
            TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:" + server.getAddress().getPort())
                    .endpoints("/a").rps(40).duration(Duration.ofSeconds(6)).noReport()
                    .header("X-Beta", "on")
                    .users(Users.sessions(perUser, Duration.ofMillis(250)).withHeaderShare(0.25)
                            .withCookies(Map.of("beta", "yes"), 0.5))
                    .build();
            RunningTraffic.Result result = TrafficGenerator.start(options, Processes.JAR).await();

            long total = result.summary().total().count();
            assertThat(total).isEqualTo(seen.size()).isGreaterThan(150);
            // Each user's first request has no pin and gets one; its next three all carry it, and nobody else's do.
            List<Seen> first = seen.stream().filter(s -> s.session() == null).toList();
            assertThat(first).hasSize(sessions.get());
            Map<String, List<Seen>> bySession = seen.stream().filter(s -> s.session() != null)
                    .collect(Collectors.groupingBy(Seen::session));
            assertThat(bySession).hasSize(sessions.get());
            assertThat(bySession.values()).allSatisfy(requests -> assertThat(requests).hasSize(perUser - 1));
            // A user is in a share or not, for all its requests.
            assertThat(bySession.values()).allSatisfy(requests -> {
                assertThat(requests.stream().map(Seen::beta).collect(Collectors.toSet())).hasSize(1);
                assertThat(requests.stream().map(Seen::betaCookie).collect(Collectors.toSet())).hasSize(1);
            });
            // About the asked shares of the requests: whole users are picked evenly, so the share is close even
            // over ~60 users (within 0.08, i.e. about five users).
            assertThat(seen.stream().filter(Seen::beta).count() / (double) total).isCloseTo(0.25, within(0.08));
            assertThat(seen.stream().filter(Seen::betaCookie).count() / (double) total).isCloseTo(0.5, within(0.08));
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, List<Seen> seen, AtomicInteger sessions) throws IOException {
        Map<String, String> cookies = new ConcurrentHashMap<>();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2) {
                    cookies.put(kv[0], kv[1]);
                }
            }
        }
        String session = cookies.get("pin");
        if (session == null) {
            exchange.getResponseHeaders().add("Set-Cookie", "pin=user-" + sessions.incrementAndGet() + "; Path=/; Max-Age=600");
        }
        seen.add(new Seen(session, "on".equals(exchange.getRequestHeaders().getFirst("X-Beta")),
                "yes".equals(cookies.get("beta"))));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
