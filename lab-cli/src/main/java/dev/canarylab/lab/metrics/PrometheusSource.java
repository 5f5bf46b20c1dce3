package dev.canarylab.lab.metrics;

import static dev.canarylab.lab.metrics.PrometheusApi.parse;
import static dev.canarylab.lab.metrics.PrometheusApi.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TestKind;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.Track;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 *       is not retried (see {@link PrometheusApi}).</li>
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

    private final Settings settings;
    private final Function<Track, String> versions;
    private final PrometheusApi api;

    /** @param versions the version deployed on a track, or null when unknown (for {@code ${version}}) */
    public PrometheusSource(Settings settings, Function<Track, String> versions) {
        this.settings = settings;
        this.versions = versions;
        this.api = new PrometheusApi(settings, describe());
    }

    public Settings settings() {
        return settings;
    }

    /** Null when Prometheus answers its readiness endpoint, else one sentence saying it does not. */
    public String probe() {
        return api.probe();
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
            List<Double> e = points(api.instant(query, to));
            List<Double> t = points(api.instant(total, to));
            if (t.isEmpty()) {
                return new Reading(MetricData.counts(0, 0), shown, null);
            }
            long requests = Math.round(sum(t));
            long errors = Math.min(requests, Math.max(0, Math.round(sum(e))));
            return new Reading(MetricData.counts(requests, errors), shown, "request and error counts from "
                    + "Prometheus counters (increase over " + PromQl.duration(window) + "), not the router's log");
        } catch (PrometheusApi.Failure f) {
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
            for (JsonNode series : api.instant(query, to).path("result")) {
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
        } catch (PrometheusApi.Failure f) {
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
            List<Double> pts = points(api.range(query, start, to, settings.step()));
            String note = spec.kind() == MetricKind.LATENCY
                    ? "one value per " + PromQl.duration(settings.step()) + " step and series from Prometheus (it "
                            + "keeps no request log): the test compared per-step values, not requests"
                    : null;
            return new Reading(MetricData.values(pts.stream().mapToDouble(Double::doubleValue).toArray()), query,
                    note);
        } catch (PrometheusApi.Failure f) {
            return Reading.unavailable(query, f.getMessage() + "; query: " + query);
        }
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
