package dev.canarylab.traffic.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A throwaway loopback server for Gatling's warm-up request. Warming up loads the HTTP client's classes before
 * the first real request (without it the first second of a run is slow and late), and aiming it here rather
 * than at the target keeps the target's request counters equal to the generated load.
 */
final class WarmUpSink implements AutoCloseable {

    private final HttpServer server;

    WarmUpSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the warm-up", e);
        }
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
