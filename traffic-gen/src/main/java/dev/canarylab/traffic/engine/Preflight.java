package dev.canarylab.traffic.engine;

import dev.canarylab.traffic.ExitCodes;
import dev.canarylab.traffic.TrafficGenException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Checks that the target accepts TCP connections before any load is planned. It opens and closes one
 * connection and sends nothing, so the target's request counters only ever see the generated traffic.
 */
final class Preflight {

    private Preflight() {
    }

    static void check(URI target, Duration timeout) {
        int port = target.getPort() != -1 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), port), (int) timeout.toMillis());
        } catch (UnknownHostException e) {
            throw new TrafficGenException(ExitCodes.UNREACHABLE, "cannot reach " + target + ": unknown host " + target.getHost());
        } catch (IOException e) {
            throw new TrafficGenException(ExitCodes.UNREACHABLE, "cannot reach " + target + ": " + e.getMessage());
        }
    }
}
