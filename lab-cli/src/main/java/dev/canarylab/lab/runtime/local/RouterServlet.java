package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.Track;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.proxy.ProxyServlet;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * The ingress: refuses the instances' operator paths ({@link OperatorPaths}), and otherwise is Jetty's
 * {@link ProxyServlet} choosing, per request, a track: by the preview header, else by the first header or cookie
 * route that matches, else by the client's affinity pin (always on for the audience's phones), else by weight;
 * then a ready replica of it round-robin.
 * A share of stable's requests may be copied to the canary ({@link Mirroring}). A GET or HEAD whose replica fails
 * before the answer has started going back to the client is sent again to another ready replica, so a crash or a
 * removal loses no such request.
 */
final class RouterServlet extends ProxyServlet {

    /** A request with this header goes to the named track whatever the weights, as a preview route. */
    static final String PREVIEW_HEADER = "X-Lab-Track";
    /** Tells the client which replica answered. */
    static final String SERVED_BY_HEADER = "X-Lab-Served-By";
    /** Tells an audience client which version answered, and its colour in the catalogue. */
    static final String VERSION_HEADER = "X-Lab-Version";
    static final String COLOR_HEADER = "X-Lab-Color";
    private static final int MAX_ATTEMPTS = 3;
    private static final String STATE = RouterServlet.class.getName() + ".state";
    /** Hop-by-hop and connection headers a mirrored copy does not carry: its own client sets them. */
    private static final Set<String> NOT_COPIED = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "expect");
    private static final long serialVersionUID = 1L;

    private final transient Router router;

    RouterServlet(Router router) {
        this.router = router;
    }

    /** Per request: when it arrived, what it targets, what was tried, and what went back. */
    private static final class State {
        final long start = System.nanoTime();
        final Set<Endpoint> tried = new HashSet<>();
        Track track;
        Endpoint endpoint;
        long bytes;
        /** Routed by affinity or weight (not by the preview header or a route), so the affinity cookie applies. */
        boolean weighted;
        /** The pin the client sent, parsed; null when none (or affinity is off). */
        AffinityPin pin;
        /** The session affinity this request follows: the lab's, else the audience's own; null for none. */
        Affinity affinity;
        /** Came in through the audience's door ({@link AudienceGate}). */
        boolean audience;
    }

    /** Operator paths are answered here, before any track is chosen: they never reach an instance. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (OperatorPaths.matches(path(request))) {
            byte[] body = ("{\"error\":\"not served through the router: an instance's /admin, /metrics and /version are"
                    + " the lab's own (the dashboard's fault controls, lab status)\"}").getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
            return;
        }
        super.service(request, response);
    }

    /** The decoded path with dot segments resolved: what is checked is what is forwarded. */
    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        State s = new State();
        request.setAttribute(STATE, s);
        s.audience = request.getAttribute(AudienceGate.AUDIENCE) != null;
        // A phone in the room does not choose its track: the weights and its pin do.
        String preview = s.audience ? null : request.getHeader(PREVIEW_HEADER);
        RoutingTable table = router.table();
        RouteSet routes = table.routes();
        s.affinity = routes.affinity() != null ? routes.affinity() : s.audience ? Affinity.defaults() : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (preview != null) {
            s.track = parseTrack(preview);
            if (s.track == null) {
                return null;
            }
        } else {
            s.track = routes.route(request, table::deployed);
            if (s.track == null) {
                s.weighted = true;
                if (s.affinity != null) {
                    s.pin = AffinityPin.parse(RequestMatcher.cookie(request, s.affinity.cookie()));
                    s.track = s.pin == null ? null : s.pin.resolve(table, random.nextDouble());
                }
                if (s.track == null) {
                    s.track = table.track(random.nextInt(100));
                }
            }
        }
        s.endpoint = pick(table, s, preview == null);
        if (s.endpoint != null && s.track == Track.STABLE && preview == null && routes.mirror().on()
                && routes.mirrors(request, random.nextInt(100))) {
            mirror(request, table);
        }
        return s.endpoint == null ? null : target(s.endpoint, request);
    }

    /** Queues a copy of the request for the canary (and baseline); never waits. */
    private void mirror(HttpServletRequest request, RoutingTable table) {
        String query = request.getQueryString();
        String pathAndQuery = URIUtil.encodePath(path(request)) + (query == null ? "" : "?" + query);
        HttpFields.Mutable headers = HttpFields.build();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                    headers.add(name, values.nextElement());
                }
            }
        }
        for (Track t : Mirroring.targets(table)) {
            List<Endpoint> candidates = table.candidates(t, Set.of());
            if (candidates.isEmpty()) {
                router.mirroring().noTarget();
            } else {
                Endpoint e = candidates.get(Math.floorMod(router.nextIndex(t), candidates.size()));
                router.mirroring().offer(new Mirroring.Copy(e, request.getMethod(), pathAndQuery, headers.asImmutable()));
            }
        }
    }

    private Endpoint pick(RoutingTable table, State s, boolean mayFallBack) {
        List<Endpoint> candidates = table.candidates(s.track, s.tried);
        if (candidates.isEmpty() && mayFallBack && s.track != Track.STABLE) {
            // Like a mesh with outlier detection: users go on being served by stable while the canary is down.
            router.telemetry().fellBack(s.track);
            s.track = Track.STABLE;
            candidates = table.candidates(Track.STABLE, s.tried);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(router.nextIndex(s.track), candidates.size()));
    }

    private static String target(Endpoint e, HttpServletRequest request) {
        String query = request.getQueryString();
        return e.baseUrl() + URIUtil.encodePath(path(request)) + (query == null ? "" : "?" + query);
    }

    private static Track parseTrack(String text) {
        for (Track t : Track.values()) {
            if (t.label().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        return null;
    }

    @Override
    protected void onProxyRewriteFailed(HttpServletRequest request, HttpServletResponse response) {
        State s = (State) request.getAttribute(STATE);
        String message = s.track == null
                ? "unknown " + PREVIEW_HEADER + " '" + request.getHeader(PREVIEW_HEADER) + "'; use stable, baseline or canary"
                : "no ready instance on track " + s.track.label();
        int status = s.track == null ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        try {
            byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType("application/json");
            response.getOutputStream().write(body);
            s.bytes = body.length;
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
        if (s.track != null) {
            router.telemetry().record(s.track, router.table().version(s.track), "none", status,
                    System.nanoTime() - s.start, s.bytes);
        }
    }

    // The router's connector writes its own Date; forwarding the instance's as well sent two (RFC 9110 allows one).
    @Override
    protected String filterServerResponseHeader(HttpServletRequest clientRequest, Response serverResponse,
            String headerName, String headerValue) {
        return "Date".equalsIgnoreCase(headerName) ? null : headerValue;
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest request, HttpServletResponse response, Response serverResponse) {
        super.onServerResponseHeaders(request, response, serverResponse);
        State s = (State) request.getAttribute(STATE);
        response.setHeader(SERVED_BY_HEADER, s.endpoint.instance());
        RoutingTable table = router.table();
        Affinity affinity = s.affinity;
        if (s.audience) {
            audienceAnswer(request, response, s);
        }
        if (s.weighted && affinity != null && table.deployed(s.track)) {
            AffinityPin next = AffinityPin.after(s.pin, s.track, table);
            if (next != null) {
                response.addHeader("Set-Cookie", affinity.cookie() + "=" + next.value() + "; Path=/; Max-Age="
                        + affinity.maxAgeSeconds() + "; HttpOnly; SameSite=Lax");
            }
        }
    }

    /** Tells the audience page which version answered, in its colour, and counts the phone on that version. */
    private void audienceAnswer(HttpServletRequest request, HttpServletResponse response, State s) {
        String version = s.endpoint.version();
        response.setHeader(VERSION_HEADER, version);
        String colour = router.colour(version);
        if (colour != null) {
            response.setHeader(COLOR_HEADER, colour);
        }
        String device = RequestMatcher.cookie(request, AudienceGate.DEVICE_COOKIE);
        if (device != null && device.length() <= 64) {
            router.devices().answered(device, version);
        }
    }

    @Override
    protected void onResponseContent(HttpServletRequest request, HttpServletResponse response, Response proxyResponse,
            byte[] buffer, int offset, int length, Callback callback) {
        ((State) request.getAttribute(STATE)).bytes += length;
        super.onResponseContent(request, response, proxyResponse, buffer, offset, length, callback);
    }

    @Override
    protected void onProxyResponseSuccess(HttpServletRequest request, HttpServletResponse response, Response serverResponse) {
        State s = (State) request.getAttribute(STATE);
        router.telemetry().record(s.track, s.endpoint.version(), s.endpoint.instance(), serverResponse.getStatus(),
                System.nanoTime() - s.start, s.bytes);
        super.onProxyResponseSuccess(request, response, serverResponse);
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest request, HttpServletResponse response,
            Response serverResponse, Throwable failure) {
        State s = (State) request.getAttribute(STATE);
        if (retry(request, response, s)) {
            return;
        }
        int status = failure instanceof java.util.concurrent.TimeoutException ? 504 : 502;
        router.telemetry().record(s.track, s.endpoint.version(), s.endpoint.instance(), status,
                System.nanoTime() - s.start, s.bytes);
        super.onProxyResponseFailure(request, response, serverResponse, failure);
    }

    private boolean retry(HttpServletRequest request, HttpServletResponse response, State s) {
        String method = request.getMethod();
        boolean idempotent = "GET".equals(method) || "HEAD".equals(method);
        if (!idempotent || response.isCommitted() || s.tried.size() + 1 >= MAX_ATTEMPTS) {
            return false;
        }
        s.tried.add(s.endpoint);
        Endpoint next = pick(router.table(), s, s.audience || request.getHeader(PREVIEW_HEADER) == null);
        if (next == null) {
            return false;
        }
        router.telemetry().retried(s.track);
        s.endpoint = next;
        s.bytes = 0;
        response.reset();
        Request again = newProxyRequest(request, target(next, request));
        copyRequestHeaders(request, again);
        addProxyHeaders(request, again);
        again.timeout(getTimeout(), TimeUnit.MILLISECONDS);
        sendProxyRequest(request, response, again);
        return true;
    }

    /** Counts requests per track for round-robin; shared across routing-table swaps. */
    static final class Counters {
        private final AtomicLong[] next = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

        int next(Track track) {
            return (int) next[track.ordinal()].getAndIncrement();
        }
    }
}
