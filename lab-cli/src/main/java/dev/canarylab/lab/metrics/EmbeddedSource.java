package dev.canarylab.lab.metrics;

import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Reading;
import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The local runtime's metric source: the router's request records and the instance scraper's samples. Request
 * metrics are request-level (every latency, every error); resource metrics are one value per instance per scrape.
 *
 * <p>It reads a metric's {@code embedded:} id (its {@code query:} when the metric has none). Ids it answers (those
 * of the default canary config):
 * <ul>
 *   <li>{@code router:request_latency_ms}: latency of every request, measured at the router</li>
 *   <li>{@code router:request_errors}: requests and 5xx answers, as counts</li>
 *   <li>{@code router:response_bytes}: body size of every response</li>
 *   <li>{@code instance:process_cpu_usage}: CPU cores used between two scrapes of an instance (a service's
 *       whole process tree, from the operating system)</li>
 *   <li>{@code instance:jvm_memory_used_bytes{area="heap"}}: heap used at each scrape, in the metric's unit
 *       (B, kB, MB or GB; powers of 1024); NaN for an instance that exports none (a service without metricsPath)</li>
 *   <li>{@code instance:process_resident_memory_bytes}: resident memory of the instance's process tree at each
 *       scrape, from the operating system, in the metric's unit: any service has it</li>
 *   <li>{@code instance:restarts}: restarts between two scrapes of an instance</li>
 * </ul>
 */
public final class EmbeddedSource implements MetricSource {

    public static final Set<String> QUERIES = Set.of("router:request_latency_ms", "router:request_errors",
            "router:response_bytes", "instance:process_cpu_usage", "instance:jvm_memory_used_bytes{area=\"heap\"}",
            "instance:restarts", "instance:process_resident_memory_bytes");

    private final Telemetry telemetry;

    public EmbeddedSource(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public String describe() {
        return "embedded router telemetry";
    }

    @Override
    public Reading read(MetricSpec spec, Track track, Instant from, Instant to) {
        String query = spec.embeddedId().replace(" ", "");
        MetricData data = switch (query) {
            case "router:request_latency_ms" -> MetricData.values(requests(track, from, to).latenciesMs());
            case "router:request_errors" -> {
                RequestWindow w = requests(track, from, to);
                yield MetricData.counts(w.total(), w.errors());
            }
            case "router:response_bytes" -> MetricData.values(
                    java.util.Arrays.stream(requests(track, from, to).bytes()).asDoubleStream().toArray());
            case "instance:process_cpu_usage" -> perInstance(track, from, to, (a, b) -> {
                double seconds = Duration.between(a.time(), b.time()).toMillis() / 1000.0;
                double used = b.cpuSecondsTotal() - a.cpuSecondsTotal();
                // A restart resets the counter: that step says nothing about usage.
                return seconds > 0 && used >= 0 && b.restarts() == a.restarts() ? used / seconds : Double.NaN;
            });
            case "instance:jvm_memory_used_bytes{area=\"heap\"}" -> each(track, from, to,
                    s -> s.heapUsedBytes() / bytesPer(spec.unit()));
            case "instance:process_resident_memory_bytes" -> each(track, from, to,
                    s -> s.residentBytes() / bytesPer(spec.unit()));
            case "instance:restarts" -> perInstance(track, from, to, (a, b) -> Math.max(0, b.restarts() - a.restarts()));
            default -> new MetricData.Unavailable("the local runtime has no metric '" + spec.embeddedId()
                    + "'; it knows " + String.join(", ", QUERIES.stream().sorted().toList())
                    + " (give the metric one of them as 'embedded:')");
        };
        return new Reading(data, query, null);
    }

    /**
     * A look reads several metrics of the same window (latency, tail, errors and bytes from one request log; CPU,
     * heap and restarts from one set of scrapes): each window is fetched once, which matters when the telemetry is
     * a lab in another process.
     */
    private record Window(Track track, Instant from, Instant to) {
    }

    private final Map<Window, RequestWindow> requestCache = recent();
    private final Map<Window, List<ResourceSample>> resourceCache = recent();

    private static <V> Map<Window, V> recent() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Window, V> eldest) {
                return size() > Track.values().length * 2;
            }
        });
    }

    private RequestWindow requests(Track track, Instant from, Instant to) {
        return requestCache.computeIfAbsent(new Window(track, from, to), w -> telemetry.requests(track, from, to));
    }

    private List<ResourceSample> resources(Track track, Instant from, Instant to) {
        return resourceCache.computeIfAbsent(new Window(track, from, to), w -> telemetry.resources(track, from, to));
    }

    private MetricData each(Track track, Instant from, Instant to, ToDoubleFunction<ResourceSample> value) {
        return MetricData.values(resources(track, from, to).stream().mapToDouble(value).toArray());
    }

    /** One value per pair of consecutive scrapes of the same instance. */
    private MetricData perInstance(Track track, Instant from, Instant to, StepValue step) {
        Map<String, ResourceSample> previous = new LinkedHashMap<>();
        List<Double> values = new ArrayList<>();
        for (ResourceSample s : resources(track, from, to)) {
            ResourceSample p = previous.put(s.instance(), s);
            if (p != null) {
                values.add(step.between(p, s));
            }
        }
        return MetricData.values(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double bytesPer(String unit) {
        return switch (unit == null ? "" : unit.trim()) {
            case "kB", "KB", "KiB" -> 1024.0;
            case "MB", "MiB" -> 1024.0 * 1024;
            case "GB", "GiB" -> 1024.0 * 1024 * 1024;
            default -> 1.0;
        };
    }

    @FunctionalInterface
    private interface StepValue {
        double between(ResourceSample earlier, ResourceSample later);
    }
}
