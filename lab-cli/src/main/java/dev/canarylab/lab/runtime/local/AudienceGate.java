package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Audience;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The audience's door into the router: requests that arrive on the audience connector are held to the per-client
 * rate limit (429), never reach an operator path (not even the router's own {@code /metrics}), get the audience
 * page from here, and are marked so that {@link RouterServlet} keeps each phone on one version. Requests on the
 * lab's own port pass untouched.
 */
final class AudienceGate extends HandlerWrapper {

    /** Set on a request that came in through the audience connector. */
    static final String AUDIENCE = AudienceGate.class.getName() + ".audience";
    /** Names a phone, so that the dashboard counts phones rather than requests. */
    static final String DEVICE_COOKIE = "lab-device";
    private static final Map<String, String> ASSETS = Map.of(
            "", "index.html", "/", "index.html", "/page.js", "page.js", "/page.css", "page.css");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connector door;
    private final RateLimiter limiter;
    private final String limit;

    AudienceGate(Connector door, Audience audience) {
        this.door = door;
        this.limiter = new RateLimiter(audience.perClientRate(), audience.burst());
        this.limit = audience.perClientRate() + " requests a second (bursts of " + audience.burst() + ")";
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (base.getHttpChannel().getConnector() != door) {
            super.handle(target, base, request, response);
            return;
        }
        base.setAttribute(AUDIENCE, Boolean.TRUE);
        if (!limiter.allow(request.getRemoteAddr())) {
            response.setHeader("Retry-After", Integer.toString(limiter.retryAfterSeconds()));
            refuse(base, response, 429, "too many requests from this address: at most " + limit);
            return;
        }
        String path = base.getHttpURI().getDecodedPath();
        if (path == null || OperatorPaths.matches(path)) {
            refuse(base, response, HttpServletResponse.SC_FORBIDDEN, "not served to the audience");
            return;
        }
        if (path.startsWith(Audience.PAGE) && ASSETS.containsKey(path.substring(Audience.PAGE.length()))) {
            page(base, request, response, ASSETS.get(path.substring(Audience.PAGE.length())));
            return;
        }
        super.handle(target, base, request, response);
    }

    private static void page(Request base, HttpServletRequest request, HttpServletResponse response, String asset)
            throws IOException {
        base.setHandled(true);
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        byte[] body;
        try (InputStream in = AudienceGate.class.getResourceAsStream("/audience/" + asset)) {
            body = in.readAllBytes();
        }
        if (asset.endsWith(".html") && RequestMatcher.cookie(request, DEVICE_COOKIE) == null) {
            byte[] id = new byte[12];
            RANDOM.nextBytes(id);
            response.addHeader("Set-Cookie", DEVICE_COOKIE + "=" + HexFormat.of().formatHex(id)
                    + "; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax");
        }
        response.setStatus(200);
        response.setContentType(asset.endsWith(".html") ? "text/html; charset=utf-8"
                : asset.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private static void refuse(Request base, HttpServletResponse response, int status, String message) throws IOException {
        base.setHandled(true);
        byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
