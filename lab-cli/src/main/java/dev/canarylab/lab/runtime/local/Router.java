package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.Audience;
import dev.canarylab.lab.runtime.Track;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The lab's ingress on the lab port: {@code /metrics} is the router's own telemetry, every other path is proxied
 * to a replica by {@link RouterServlet}. In audience mode a second connector, the audience's, sits behind an
 * {@link AudienceGate}.
 */
public final class Router implements AutoCloseable {

    private final Server server;
    private final RouterTelemetry telemetry;
    private final RouterServlet.Counters counters = new RouterServlet.Counters();
    private final Mirroring mirroring;
    private final AudienceDevices devices = new AudienceDevices();
    private final Function<String, String> colours;
    private volatile RoutingTable table = RoutingTable.EMPTY;

    private Router(Server server, RouterTelemetry telemetry, Function<String, String> colours) {
        this.server = server;
        this.telemetry = telemetry;
        this.mirroring = new Mirroring(telemetry);
        this.colours = colours;
    }

    /** Starts listening on {@code host:port} (0 picks a free port). */
    public static Router start(String host, int port, RouterTelemetry telemetry) {
        return start(host, port, telemetry, null, v -> null);
    }

    /**
     * Starts listening on {@code host:port}, and on the audience's address when {@code audience} is not null.
     *
     * @param colours each version's colour, which audience answers carry
     */
    static Router start(String host, int port, RouterTelemetry telemetry, Audience audience,
            Function<String, String> colours) {
        Server server = new Server(new QueuedThreadPool(200, 8, 60_000));
        Router router = new Router(server, telemetry, colours);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // the instances do not announce theirs either
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServerConnector door = null;
        if (audience != null) {
            door = new ServerConnector(server, new HttpConnectionFactory(http));
            door.setName("audience");
            door.setHost(audience.address());
            door.setPort(audience.port());
            server.addConnector(door);
        }
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder proxy = new ServletHolder(new RouterServlet(router));
        proxy.setInitParameter("timeout", "30000");
        proxy.setInitParameter("idleTimeout", "30000");
        proxy.setInitParameter("maxConnections", "512");
        context.addServlet(proxy, "/*");
        context.addServlet(new ServletHolder(new MetricsServlet(telemetry)), "/metrics");
        if (door == null) {
            server.setHandler(context);
        } else {
            AudienceGate gate = new AudienceGate(door, audience);
            gate.setHandler(context);
            server.setHandler(gate);
        }
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            router.mirroring.close();
            if (port != 0 && !canBind(host, port)) {
                throw new LabException(ExitCodes.PORT_IN_USE, "port " + port + " on " + host
                        + " is already in use; choose another with --port");
            }
            if (audience != null && audience.port() != 0 && !canBind(audience.address(), audience.port())) {
                throw new LabException(ExitCodes.PORT_IN_USE, "port " + audience.port() + " on " + audience.address()
                        + " is already in use (or not an address of this machine); choose another with --audience"
                        + " ADDRESS:PORT");
            }
            throw new LabException(ExitCodes.SOFTWARE, "the router could not start on " + host + ":" + port + ": " + e, e);
        }
        return router;
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The audience's port, or -1 when audience mode is off. */
    int audiencePort() {
        return server.getConnectors().length < 2 ? -1 : ((ServerConnector) server.getConnectors()[1]).getLocalPort();
    }

    AudienceDevices devices() {
        return devices;
    }

    /** The colour of {@code version} in the catalogue, or null. */
    String colour(String version) {
        return colours.apply(version);
    }

    RoutingTable table() {
        return table;
    }

    void route(RoutingTable next) {
        table = next;
    }

    int nextIndex(Track track) {
        return counters.next(track);
    }

    RouterTelemetry telemetry() {
        return telemetry;
    }

    Mirroring mirroring() {
        return mirroring;
    }

    @Override
    public void close() {
        stopQuietly(server);
        mirroring.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is going away
        }
    }

    /** The router's Prometheus endpoint. */
    private static final class MetricsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient RouterTelemetry telemetry;

        MetricsServlet(RouterTelemetry telemetry) {
            this.telemetry = telemetry;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
            resp.getOutputStream().write(telemetry.scrape().getBytes(StandardCharsets.UTF_8));
        }
    }
}
