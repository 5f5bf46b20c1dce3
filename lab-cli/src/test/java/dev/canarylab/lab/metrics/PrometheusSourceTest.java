package dev.canarylab.lab.metrics;

import dev.canarylab.lab.runtime.Reading;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.canarylab.lab.analysis.Classification;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.lab.runtime.Track;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source against a fake Prometheus API; {@code PrometheusIT} runs the real one. */
class PrometheusSourceTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = FROM.plusSeconds(60);

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** A fake API answering every request with {@code answer(decoded query)} and status 200 (or 400 if "!"). */
    private URI serve(Function<String, String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", ex -> {
            String q = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            queries.add(ex.getRequestURI().getPath() + "?" + q);
            String body = answer.apply(q);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(body.contains("\"error\"") ? 400 : 200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static PrometheusSource source(URI url) {
        return new PrometheusSource(new PrometheusSource.Settings(url, Duration.ofSeconds(2), "lab",
                Duration.ofSeconds(2), 3, Duration.ofMillis(50)), t -> t == Track.CANARY ? "v3" : "v1");
    }

    private static String matrix(String... values) {
        StringBuilder series = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            series.append(i == 0 ? "" : ",").append("[").append(1767225600 + 2 * i).append(",\"").append(values[i])
                    .append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + (values.length == 0 ? "" : "{\"metric\":{},\"values\":[" + series + "]}") + "]}}";
    }

    private static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + (value == null ? "" : "{\"metric\":{},\"value\":[1767225660,\"" + value + "\"]}") + "]}}";
    }

    private static MetricSpec latency() {
        return ConfigLoader.defaults().metric("latency").orElseThrow();
    }

    @Test
    void placeholdersAreResolvedAndTheRangeIsOneStepPerPoint() throws Exception {
        PrometheusSource source = source(serve(q -> matrix("10", "12")));
        MetricSpec spec = MetricSpec.of("m", "g", MetricKind.GAUGE)
                .withQueries("x{track=\"${track}\",version=\"${version}\",namespace=\"${namespace}\"}[${window}]"
                        + " # ${step}", null, null);
        Reading r = source.read(spec, Track.CANARY, FROM, TO);
        assertThat(r.query()).isEqualTo("x{track=\"canary\",version=\"v3\",namespace=\"lab\"}[2s] # 2s");
        assertThat(queries).singleElement().asString().startsWith("/api/v1/query_range?query=" + r.query())
                .contains("&start=1767225602.000&end=1767225660.000&step=2.000");
    }

    @Test
    void nanPointsAreDroppedAndLatencySaysItIsPerStep() throws Exception {
        Reading r = source(serve(q -> matrix("10", "NaN", "+Inf", "12"))).read(latency(), Track.CANARY, FROM, TO);
        assertThat(((MetricData.Values) r.data()).values()).containsExactly(10, 12);
        assertThat(r.note()).contains("per-step values, not requests");
    }

    @Test
    void anEmptyOrAllNanResultIsNoDataNeverAPass() throws Exception {
        var config = ConfigLoader.defaults();
        PrometheusSource source = source(serve(q -> q.contains("process_cpu") ? matrix("NaN", "NaN") : matrix()));
        var j = new Judge(config).judge(BothTracks.read(source, config, FROM, TO));
        assertThat(j.results()).extracting(x -> x.classification()).containsOnly(Classification.NODATA);
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(j.reason()).contains("(critical) has no data");
    }

    @Test
    void errorRatiosAreCountsOverTheWholeWindow() throws Exception {
        PrometheusSource source = source(serve(q -> vector(q.contains("SERVER_ERROR") ? "12.4" : "1000.6")));
        MetricSpec errors = ConfigLoader.defaults().metric("errors").orElseThrow();
        Reading r = source.read(errors, Track.BASELINE, FROM, TO);
        assertThat(r.data()).isEqualTo(MetricData.counts(1001, 12));
        assertThat(queries).allSatisfy(q -> assertThat(q).startsWith("/api/v1/query?").contains("[60s]")
                .contains("track=\"baseline\"").endsWith("&time=1767225660.000"));
        assertThat(r.note()).contains("Prometheus counters");
    }

    @Test
    void aTailQuantileIsReadFromTheBucketsOverTheWholeWindowAsRequests() throws Exception {
        String buckets = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"le\":\"0.001\"},\"value\":[1767225660,\"1.0\"]},"
                + "{\"metric\":{\"le\":\"0.002\"},\"value\":[1767225660,\"1.5\"]},"
                + "{\"metric\":{\"le\":\"0.25\"},\"value\":[1767225660,\"1.5\"]},"
                + "{\"metric\":{\"le\":\"+Inf\"},\"value\":[1767225660,\"2.0\"]}]}}";
        PrometheusSource source = source(serve(q -> buckets));
        MetricSpec tail = ConfigLoader.defaults().metric("tail-latency").orElseThrow();
        Reading r = source.read(tail, Track.CANARY, FROM, TO);
        // 2 requests/s over 60 s: 60 up to 1 ms, 30 in (1, 2] ms, 30 above 250 ms (placed on 250 ms).
        double[] ms = ((MetricData.Values) r.data()).values();
        assertThat(ms).hasSize(120);
        assertThat(java.util.Arrays.stream(ms).filter(v -> v == 250.0).count()).isEqualTo(30);
        assertThat(queries).singleElement().asString().startsWith("/api/v1/query?query=sum by (le)")
                .contains("[60s]").contains("track=\"canary\"").endsWith("&time=1767225660.000");
        assertThat(r.note()).contains("120 requests rebuilt from Prometheus histogram buckets over 60s");
    }

    @Test
    void aTailQuantileWithNoBucketsIsNoData() throws Exception {
        PrometheusSource source = source(serve(q -> vector(null)));
        MetricSpec tail = ConfigLoader.defaults().metric("tail-latency").orElseThrow();
        assertThat(source.read(tail, Track.CANARY, FROM, TO).data().size()).isZero();
    }

    @Test
    void noRequestsAtAllIsNoData() throws Exception {
        PrometheusSource source = source(serve(q -> vector(q.contains("SERVER_ERROR") ? "0" : null)));
        MetricSpec errors = ConfigLoader.defaults().metric("errors").orElseThrow();
        assertThat(source.read(errors, Track.CANARY, FROM, TO).data().size()).isZero();
    }

    @Test
    void aStoppedPrometheusIsRetriedThenAnErrorWithTheResolvedQuery() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var config = ConfigLoader.defaults();
        PrometheusSource source = source(URI.create("http://127.0.0.1:" + port));
        long started = System.nanoTime();
        var data = BothTracks.read(source, config, FROM, TO);
        // Three attempts per query, 50 + 100 ms of back-off between them.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        var j = new Judge(config).judge(data);
        assertThat(j.verdict()).isEqualTo(Verdict.ERROR);
        // The look's first query tried three times; the ones right after it once each (see the next test).
        assertThat(j.reason()).startsWith("7 of 7 metrics could not be judged: latency: Prometheus at "
                + "http://127.0.0.1:" + port + " did not answer (connection refused) after 1 attempt (3 for the first "
                + "unanswered query); query: 1000 * sum(rate(http_server_requests_seconds_sum{namespace=\"lab\","
                + "track=\"canary\"");
    }

    @Test
    void afterAQueryThatGotNoAnswerTheNextOnesOfTheLookTryOnceAndAnAnswerEndsThat() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", ex -> {
            queries.add(ex.getRequestURI().getPath());
            byte[] bytes = (up.get() ? matrix("3.1", "3.3") : "unavailable").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(up.get() ? 200 : 503, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        PrometheusSource source = source(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        Reading first = source.read(latency(), Track.CANARY, FROM, TO);
        assertThat(queries).as("the first query: every attempt").hasSize(3);
        assertThat(((MetricData.Unavailable) first.data()).reason()).contains("did not answer (HTTP 503) after 3 attempts");
        Reading second = source.read(latency(), Track.BASELINE, FROM, TO);
        assertThat(queries).as("the next, right after: one").hasSize(4);
        assertThat(((MetricData.Unavailable) second.data()).reason())
                .contains("did not answer (HTTP 503) after 1 attempt (3 for the first unanswered query); query: ")
                .contains("track=\"baseline\"");

        up.set(true);
        assertThat(source.read(latency(), Track.CANARY, FROM, TO).data()).isInstanceOf(MetricData.Values.class);
        up.set(false);
        source.read(latency(), Track.CANARY, FROM, TO);
        assertThat(queries).as("after an answer, every attempt again").hasSize(5 + 3);
    }

    @Test
    void aRejectedQueryIsNotRetried() throws Exception {
        PrometheusSource source = source(serve(q -> "{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"parse error at char 3\"}"));
        Reading r = source.read(latency(), Track.CANARY, FROM, TO);
        assertThat(queries).hasSize(1);
        assertThat(((MetricData.Unavailable) r.data()).reason())
                .startsWith("Prometheus at http://127.0.0.1:")
                .contains("rejected the query (bad_data: parse error at char 3); query: 1000 * sum(");
    }

    @Test
    void anEmbeddedIdOrAnUnknownPlaceholderIsAnErrorNotNoData() throws Exception {
        PrometheusSource source = source(serve(q -> matrix("1")));
        MetricSpec embeddedOnly = latency().withQueries("router:request_latency_ms", null, null);
        assertThat(((MetricData.Unavailable) source.read(embeddedOnly, Track.CANARY, FROM, TO).data()).reason())
                .contains("is an embedded id, not PromQL");
        MetricSpec typo = latency().withQueries("x{track=\"${trak}\"}", null, null);
        assertThat(((MetricData.Unavailable) source.read(typo, Track.CANARY, FROM, TO).data()).reason())
                .contains("${trak}, which is not a placeholder");
        assertThat(queries).isEmpty();
    }
}
