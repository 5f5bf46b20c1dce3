package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.catalog.Readiness;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Runs a service's readiness check once against an instance on loopback, and says what it saw in the words of
 * the error a user gets when the instance never becomes ready: "GET http://127.0.0.1:4242/health answered 503,
 * expected 200", "TCP connect to 127.0.0.1:4242 refused".
 */
final class ReadinessProbe {

    static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private ReadinessProbe() {
    }

    /** One answer of the check: ready or not, and what was seen. */
    record Result(boolean ready, String seen) {
    }

    static Result check(Readiness readiness, int port, HttpClient http) throws InterruptedException {
        return readiness instanceof Readiness.Http h ? http(h, port, http) : tcp(port);
    }

    private static Result http(Readiness.Http check, int port, HttpClient http) throws InterruptedException {
        String url = "http://" + HOST + ":" + port + check.path();
        String what = "GET " + url;
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Result(status == check.status(), what + " answered " + status + ", expected " + check.status());
        } catch (HttpTimeoutException e) {
            return new Result(false, what + " did not answer within " + TIMEOUT.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Result(false, what + ": connection refused");
        } catch (IOException e) {
            return new Result(false, what + " failed: " + e);
        }
    }

    private static Result tcp(int port) {
        String what = "TCP connect to " + HOST + ":" + port;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), (int) TIMEOUT.toMillis());
            return new Result(true, what + " accepted");
        } catch (SocketTimeoutException e) {
            return new Result(false, what + " timed out");
        } catch (ConnectException e) {
            return new Result(false, what + " refused");
        } catch (IOException e) {
            return new Result(false, what + " failed: " + e.getMessage());
        }
    }
}
