package dev.canarylab.lab.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TestKind;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.Track;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a canary config's PromQL templates (see {@link PromQl} for the placeholders) from Prometheus' HTTP API.
 *
 * <ul>
 *   <li>Values metrics (latency, ratio, gauge, count): {@code query_range} over the window, one point per step
 *       and series; NaN and infinite points are dropped, so an empty or all-NaN result is no data (NODATA),
 *       never a pass. Prometheus keeps no request log: a latency metric is judged on per-step values, and the
 *       reading's note says so.</li>
 *   <li>Quantile metrics written as {@code histogram_quantile} over {@code ${window}}: the buckets over the whole
 *       window, rebuilt into requests (see {@link HistogramRequests}).</li>
 *   <li>Error ratios: {@code query} at the window's end of the errors and the total templates with
 *       {@code ${window}} the whole window (counters read with {@code increase}), rounded to whole requests.</li>
 *   <li>Timeouts, refused connections and 5xx answers are retried with back-off, then the reading is
 *       unavailable (the judge says ERROR) with the resolved query in the message. A query Prometheus rejects
 *       is not retried.</li>
 * </ul>
 */
public final class PrometheusSource implements MetricSource {

    /**
     * Where and how to query.
     *
     * @param step     resolution of range queries, at least twice the scrape interval
     * @param timeout  per request
     * @param attempts tries per query before giving up (1 = no retry)
     * @param backoff  wait before the second try, doubled before each further one
     */
    public record Settings(URI url, Duration step, String namespace, Duration timeout, int attempts, Duration backoff) {

        public Settings {
            if (step.isZero() || step.isNegative() || attempts < 1) {
                throw new IllegalArgumentException("step must be positive and attempts at least 1");
            }
            String u = url.toString();
            url = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        }

        /** Defaults for a Prometheus scraping every second on loopback. */
        public static Settings local(URI url) {
            return new Settings(url, Duration.ofSeconds(2), DEFAULT_NAMESPACE, Duration.ofSeconds(5), 3,
                    Duration.ofMillis(500));
        }
    }

    /** The {@code namespace} label the local runtime gives its targets. */
    public static final String DEFAULT_NAMESPACE = "canary-lab";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Function<Track, String> versions;
    private final HttpClient http;

    /** @param versions the version deployed on a track, or null when unknown (for {@code ${version}}) */
    public PrometheusSource(Settings settings, Function<Track, String> versions) {
        this.settings = settings;
        this.versions = versions;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    public Settings settings() {
        return settings;
    }

    /** Null when Prometheus answers its readiness endpoint, else one sentence saying it does not. */
    public String probe() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(settings.url() + "/-/ready"))
                    .timeout(settings.timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : describe() + " is not ready (HTTP " + r.statusCode() + ")";
        } catch (IOException e) {
            return describe() + " does not answer (" + (e instanceof java.net.ConnectException
                    ? "connection refused" : describe(e)) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return describe() + " was not asked: interrupted";
        }
    }

    @Override
    public String describe() {
        return "Prometheus at " + settings.url();
    }

    @Override
    public Reading read(MetricSpec spec, Track track, Instant from, Instant to) {
        if (EmbeddedSource.QUERIES.contains(spec.query().replace(" ", ""))) {
            return Reading.unavailable(spec.query(), "'" + spec.query() + "' is an embedded id, not "
                    + "PromQL; give the metric a PromQL query: (and the id as embedded:) to read it from Prometheus");
        }
        boolean counts = spec.kind() == MetricKind.ERROR_RATIO;
        HistogramRequests.Template histogram = spec.test() == TestKind.QUANTILE ? HistogramRequests.parse(spec.query())
                : null;
        Duration window = counts || histogram != null ? Duration.between(from, to) : settings.step();
        Map<String, String> values = new HashMap<>();
        values.put(PromQl.TRACK, track.label());
        values.put(PromQl.VERSION, versions.apply(track));
        values.put(PromQl.NAMESPACE, settings.namespace());
        values.put(PromQl.STEP, PromQl.duration(settings.step()));
        values.put(PromQl.WINDOW, PromQl.duration(window));
        String query;
        String total;
        try {
            query = PromQl.resolve(spec.query(), values);
            total = spec.totalQuery() == null ? null : PromQl.resolve(spec.totalQuery(), values);
        } catch (IllegalArgumentException e) {
            return Reading.unavailable(spec.query(), e.getMessage());
        }
        if (histogram != null) {
            return buckets(histogram, values, window, to);
        }
        if (!counts) {
            return range(spec, query, from, to);
        }
        if (total == null) {
            return Reading.unavailable(query, "an error-ratio metric read from Prometheus needs "
                    + "total: (the PromQL counting all requests) beside query: (counting the errors)");
        }
        String shown = "errors: " + query + "; total: " + total;
        try {
            List<Double> e = points(instant(query, to));
            List<Double> t = points(instant(total, to));
            if (t.isEmpty()) {
                return new Reading(MetricData.counts(0, 0), shown, null);
            }
            long requests = Math.round(sum(t));
            long errors = Math.min(requests, Math.max(0, Math.round(sum(e))));
            return new Reading(MetricData.counts(requests, errors), shown, "request and error counts from "
                    + "Prometheus counters (increase over " + PromQl.duration(window) + "), not the router's log");
        } catch (Failure f) {
            return Reading.unavailable(shown, f.getMessage() + "; query: " + f.query);
        }
    }

    /** A quantile metric over histogram buckets: every request of the window, to its bucket's resolution. */
    private Reading buckets(HistogramRequests.Template h, Map<String, String> values, Duration window, Instant to) {
        String query;
        try {
            query = PromQl.resolve(h.inner(), values);
        } catch (IllegalArgumentException e) {
            return Reading.unavailable(h.inner(), e.getMessage());
        }
        if (window.isZero() || window.isNegative()) {
            return new Reading(MetricData.values(), query, "the window is empty");
        }
        try {
            double seconds = window.toMillis() / 1000.0;
            Map<Double, Double> cumulative = new HashMap<>();
            for (JsonNode series : instant(query, to).path("result")) {
                String bound = series.path("metric").path("le").asText();
                double le = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : parse(bound);
                double v = parse(series.path("value").path(1).asText());
                if (!Double.isNaN(le) && Double.isFinite(v)) {
                    cumulative.merge(le, h.isRate() ? v * seconds : v, Double::sum);
                }
            }
            double[] requests = HistogramRequests.rebuild(cumulative, h.scale());
            double[] bounds = cumulative.keySet().stream().filter(Double::isFinite).sorted()
                    .mapToDouble(le -> le * h.scale()).toArray();
            return new Reading(MetricData.binned(requests, bounds), query, requests.length + " requests rebuilt from "
                    + "Prometheus histogram buckets over " + PromQl.duration(window) + " (each placed within its "
                    + "bucket, as histogram_quantile does): the quantile is exact only to the bucket bounds");
        } catch (Failure f) {
            return Reading.unavailable(query, f.getMessage() + "; query: " + query);
        }
    }

    private Reading range(MetricSpec spec, String query, Instant from, Instant to) {
        Instant start = from.plus(settings.step());
        if (start.isAfter(to)) {
            return new Reading(MetricData.values(), query, "the window is shorter than one step ("
                    + PromQl.duration(settings.step()) + ")");
        }
        try {
            String path = "/api/v1/query_range?query=" + enc(query) + "&start=" + time(start) + "&end=" + time(to)
                    + "&step=" + seconds(settings.step());
            List<Double> pts = points(get(path, query));
            String note = spec.kind() == MetricKind.LATENCY
                    ? "one value per " + PromQl.duration(settings.step()) + " step and series from Prometheus (it "
                            + "keeps no request log): the test compared per-step values, not requests"
                    : null;
            return new Reading(MetricData.values(pts.stream().mapToDouble(Double::doubleValue).toArray()), query,
                    note);
        } catch (Failure f) {
            return Reading.unavailable(query, f.getMessage() + "; query: " + query);
        }
    }

    private JsonNode instant(String query, Instant at) throws Failure {
        return get("/api/v1/query?query=" + enc(query) + "&time=" + time(at), query);
    }

    /** The {@code data} of a successful answer, after retries; a {@link Failure} says why there is none. */
    private JsonNode get(String pathAndQuery, String query) throws Failure {
        URI uri = URI.create(settings.url() + pathAndQuery);
        String last = "no attempt";
        long wait = settings.backoff().toMillis();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
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
                throw new Failure("interrupted while querying " + describe(), query);
            }
            JsonNode body;
            try {
                body = JSON.readTree(resp.body());
            } catch (IOException e) {
                body = null;
            }
            if (resp.statusCode() == 200 && body != null && "success".equals(body.path("status").asText())) {
                return body.path("data");
            }
            String why = body != null && body.has("error")
                    ? body.path("errorType").asText() + ": " + body.path("error").asText()
                    : "HTTP " + resp.statusCode();
            if (resp.statusCode() >= 400 && resp.statusCode() < 500) {
                throw new Failure(describe() + " rejected the query (" + why + ")", query);
            }
            last = why;
        }
        throw new Failure(describe() + " did not answer (" + last + ") after " + settings.attempts()
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

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN; // "NaN", "+Inf" and "-Inf" end here or as infinities
        }
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
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
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String query;

        Failure(String message, String query) {
            super(message, null, false, false);
            this.query = query;
        }
    }
}
