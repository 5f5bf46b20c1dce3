package dev.canarylab.traffic.mix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of the mix. On the command line it is written {@code [METHOD ]PATH[@WEIGHT]}
 * ({@code /api/stories@8}, {@code "HEAD /api/color@1"}), without headers or body; a request-mix file
 * ({@link MixFile}) can give both, a name, and the statuses that count as success.
 *
 * @param name    keys the summary and Gatling's report; "GET /api/stories" unless the mix file names it
 * @param headers sent with this request only, on top of the run's {@code --header}s
 * @param body    the request body, or null for none
 */
public record Endpoint(String name, String method, String path, Map<String, String> headers, String body, int weight,
        Success success) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern SPEC = Pattern.compile("(?:([A-Za-z]+)\\s+)?(/\\S*?)(?:@(\\d+))?");

    public Endpoint {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown HTTP method '" + method + "' (use one of " + METHODS + ")");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("endpoint path must start with '/', got '" + path + "'");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("endpoint weight must be 1 or more, got " + weight + " for " + path);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(success, "success");
    }

    /** A request as {@code --endpoint} gives it: no headers, no body, 2xx and 3xx are success. */
    public Endpoint(String method, String path, int weight) {
        this(method + " " + path, method, path, Map.of(), null, weight, Success.DEFAULT);
    }

    public static Endpoint parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not an endpoint such as /api/stories@8 or 'HEAD /api/color@1'");
        }
        String method = m.group(1) == null ? "GET" : m.group(1).toUpperCase(Locale.ROOT);
        int weight;
        try {
            weight = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint weight too large in '" + spec + "'");
        }
        return new Endpoint(method, m.group(2), weight);
    }

    /** Whether {@link #spec} says all there is to this request (else it comes from a mix file). */
    public boolean plain() {
        return name.equals(method + " " + path) && headers.isEmpty() && body == null && success.equals(Success.DEFAULT);
    }

    /** The spec that {@link #parse} reads back (only for a {@link #plain} request). */
    public String spec() {
        if (!plain()) {
            throw new IllegalStateException(name + " has headers, a body, a name or success statuses: it needs its mix file");
        }
        return (method.equals("GET") ? "" : method + " ") + path + "@" + weight;
    }
}
