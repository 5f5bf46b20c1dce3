package dev.canarylab.lab.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus' HTTP API as {@link PrometheusSource} uses it: instant and range queries with retries and back-off
 * on timeouts, refused connections and 5xx answers (a rejected query is not retried; right after a query that got
 * no answer at all, the next ones try once), and the finite values of an answer.
 */
final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long a query that got no answer after every attempt makes the next ones try once: the other queries of
     * the same look, which follow at once. A look reads about fourteen queries; with three attempts each a stopped
     * Prometheus took 22 s to say so. The next look (seconds later) tries again in full.
     */
    static final Duration UNANSWERED_MEMORY = Duration.ofSeconds(2);

    private final PrometheusSource.Settings settings;
    private final String describe;
    private final HttpClient http;
    /** System.nanoTime() until which queries try once; the last query that gave up after every attempt set it. */
    private volatile long tryOnceUntil = System.nanoTime();

    /** @param describe how messages name this Prometheus, e.g. "Prometheus at http://..." */
    PrometheusApi(PrometheusSource.Settings settings, String describe) {
        this.settings = settings;
        this.describe = describe;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Null when Prometheus answers its readiness endpoint, else one sentence saying it does not. */
    String probe() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(settings.url() + "/-/ready"))
                    .timeout(settings.timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : describe + " is not ready (HTTP " + r.statusCode() + ")";
        } catch (IOException e) {
            return describe + " does not answer (" + (e instanceof java.net.ConnectException
                    ? "connection refused" : describe(e)) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return describe + " was not asked: interrupted";
        }
    }

    /** A range query's {@code data}, one point per step from {@code start} to {@code end}. */
    JsonNode range(String query, Instant start, Instant end, Duration step) throws Failure {
        return get("/api/v1/query_range?query=" + enc(query) + "&start=" + time(start) + "&end=" + time(end)
                + "&step=" + seconds(step), query);
    }

    /** An instant query's {@code data}. */
    JsonNode instant(String query, Instant at) throws Failure {
        return get("/api/v1/query?query=" + enc(query) + "&time=" + time(at), query);
    }

    /** The {@code data} of a successful answer, after retries; a {@link Failure} says why there is none. */
    private JsonNode get(String pathAndQuery, String query) throws Failure {
        URI uri = URI.create(settings.url() + pathAndQuery);
        String last = "no attempt";
        long wait = settings.backoff().toMillis();
        boolean unansweredJustBefore = System.nanoTime() - tryOnceUntil < 0;
        int attempts = unansweredJustBefore ? 1 : settings.attempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(wait);
                wait *= 2;
            }
            HttpResponse<String> resp;
            try {
                resp = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                last = "timed out after " + PromQl.duration(settings.timeout());
                continue;
            } catch (IOException e) {
                last = e instanceof java.net.ConnectException ? "connection refused" : describe(e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while querying " + describe, query);
            }
            JsonNode body;
            try {
                body = JSON.readTree(resp.body());
            } catch (IOException e) {
                body = null;
            }
            if (resp.statusCode() == 200 && body != null && "success".equals(body.path("status").asText())) {
                tryOnceUntil = System.nanoTime();
                return body.path("data");
            }
            String why = body != null && body.has("error")
                    ? body.path("errorType").asText() + ": " + body.path("error").asText()
                    : "HTTP " + resp.statusCode();
            if (resp.statusCode() >= 400 && resp.statusCode() < 500) {
                tryOnceUntil = System.nanoTime(); // an answer: Prometheus is there
                throw new Failure(describe + " rejected the query (" + why + ")", query);
            }
            last = why;
        }
        tryOnceUntil = System.nanoTime() + UNANSWERED_MEMORY.toNanos();
        if (unansweredJustBefore && settings.attempts() > 1) {
            throw new Failure(describe + " did not answer (" + last + ") after 1 attempt (" + settings.attempts()
                    + " for the first unanswered query)", query);
        }
        throw new Failure(describe + " did not answer (" + last + ") after " + settings.attempts()
                + (settings.attempts() == 1 ? " attempt" : " attempts"), query);
    }

    /** Every finite value of a vector, matrix or scalar result. */
    static List<Double> points(JsonNode data) {
        List<Double> out = new ArrayList<>();
        JsonNode result = data.path("result");
        switch (data.path("resultType").asText()) {
            case "matrix" -> result.forEach(series -> series.path("values").forEach(p -> add(out, p)));
            case "vector" -> result.forEach(series -> add(out, series.path("value")));
            case "scalar" -> add(out, result);
            default -> {
            }
        }
        return out;
    }

    private static void add(List<Double> out, JsonNode point) {
        double v = parse(point.path(1).asText());
        if (Double.isFinite(v)) {
            out.add(v);
        }
    }

    static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN; // "NaN", "+Inf" and "-Inf" end here or as infinities
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
        return String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A query that got no answer; carries the resolved query for the message. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String query;

        Failure(String message, String query) {
            super(message, null, false, false);
            this.query = query;
        }
    }
}
