// An orders service of the kind a team would canary-test: no framework, no metrics library, only the JDK.
// Run it with `java Service.java --port 8081` (JDK 17+, no build step).
//
//   GET  /orders        a page of orders (JSON)
//   GET  /orders/{id}   one order; 404 for an id it does not have
//   POST /orders        places an order (JSON body with "item"); 201, or 400 without an item
//   GET  /health        200 once the service is ready
//
// The release is chosen with --release (or the RELEASE variable):
//   good    answers in about 50 ms (log-normal, as real services do)
//   slow    the same work takes 50% longer (+50% latency on every request)
//   errors  5% of requests fail with 500
// /health is never slowed down nor failed: a regression must be caught on the traffic, not by the probe.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Service {

    enum Release { GOOD, SLOW, ERRORS }

    private static final double MEDIAN_MS = 50;
    private static final double SPREAD = 0.2;     // sigma of log(latency)
    private static final double ERROR_RATE = 0.05;

    private final Release release;
    private final ThreadLocal<Random> random;

    Service(Release release, long seed) {
        this.release = release;
        this.random = ThreadLocal.withInitial(() -> new Random(seed ^ Thread.currentThread().getId()));
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "PORT", "8081"));
        String name = option(args, "--release", "RELEASE", "good");
        Release release;
        try {
            release = Release.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("service: error: --release must be good, slow or errors, got '" + name + "'");
            System.exit(2);
            return;
        }
        Service service = new Service(release, port);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        server.setExecutor(pool);
        server.createContext("/health", ex -> reply(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/orders", service::orders);
        server.createContext("/", ex -> reply(ex, 404, "{\"error\":\"no such endpoint\"}"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            pool.shutdownNow();
        }));
        server.start();
        System.out.println("service: release " + name + " listening on http://127.0.0.1:" + port);
    }

    private void orders(HttpExchange ex) throws IOException {
        work();
        if (release == Release.ERRORS && random.get().nextDouble() < ERROR_RATE) {
            reply(ex, 500, "{\"error\":\"injected: the errors release fails 5% of requests\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/orders") && method.equals("GET")) {
            reply(ex, 200, "[{\"id\":1,\"item\":\"book\"},{\"id\":2,\"item\":\"lamp\"},{\"id\":3,\"item\":\"kettle\"}]");
        } else if (path.equals("/orders") && method.equals("POST")) {
            String body = read(ex.getRequestBody());
            if (body.contains("\"item\"")) {
                reply(ex, 201, "{\"id\":4,\"status\":\"placed\"}");
            } else {
                reply(ex, 400, "{\"error\":\"an order needs an item\"}");
            }
        } else if (path.matches("/orders/[1-3]") && method.equals("GET")) {
            reply(ex, 200, "{\"id\":" + path.substring(8) + ",\"item\":\"book\"}");
        } else if (path.startsWith("/orders/") && method.equals("GET")) {
            reply(ex, 404, "{\"error\":\"no such order\"}");
        } else {
            reply(ex, 405, "{\"error\":\"method not allowed\"}");
        }
    }

    /** The request's work: about 50 ms, half as long again in the slow release. */
    private void work() {
        double ms = MEDIAN_MS * Math.exp(SPREAD * random.get().nextGaussian());
        if (release == Release.SLOW) {
            ms *= 1.5;
        }
        try {
            Thread.sleep((long) ms, (int) ((ms % 1) * 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        read(ex.getRequestBody());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A flag's value, else the environment variable's, else the default. */
    private static String option(String[] args, String flag, String variable, String fallback) {
        List<String> list = List.of(args);
        int i = list.indexOf(flag);
        if (i >= 0 && i + 1 < list.size()) {
            return list.get(i + 1);
        }
        String env = System.getenv(variable);
        return env != null && !env.isBlank() ? env : fallback;
    }
}
