package dev.canarylab.traffic.mix;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of the mix, written {@code [METHOD ]PATH[@WEIGHT]}: {@code /api/stories@8},
 * {@code "HEAD /api/color@1"}. Requests carry no body. The name ("GET /api/stories") keys the summary.
 */
public record Endpoint(String method, String path, int weight) {

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

    /** "GET /api/stories": the request's name in the summary and in Gatling's report. */
    public String name() {
        return method + " " + path;
    }

    /** The spec that {@link #parse} reads back. */
    public String spec() {
        return (method.equals("GET") ? "" : method + " ") + path + "@" + weight;
    }
}
