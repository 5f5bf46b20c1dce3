package dev.canarylab.lab.rollout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/** A loopback HTTP server on a random port that keeps every request and answers with a chosen status. */
final class HttpStub implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, String track, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    HttpStub(ToIntFunction<Received> status) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> answer(ex, status));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    private void answer(HttpExchange ex, ToIntFunction<Received> status) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("X-Lab-Track"), body);
        received.add(r);
        ex.sendResponseHeaders(status.applyAsInt(r), -1);
        ex.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
