package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The router's telemetry: every proxied request (track, version, instance, status, latency, bytes) into a
 * bounded ring per track for the judge and into Prometheus meters for {@code /metrics}; plus the resource
 * samples scraped from the instances.
 */
public final class RouterTelemetry implements Telemetry {

    /** Requests kept per track: about 5 MB each, nine minutes at 500 requests a second. */
    static final int RING_CAPACITY = 1 << 18;
    /** Resource samples kept per track: over an hour at one scrape of three instances every 2 s. */
    static final int RESOURCE_CAPACITY = 8192;

    private static final Duration[] BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250),
        ms(500), ms(1000), ms(2500), ms(5000), ms(10000)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Track, SampleRing> rings = new EnumMap<>(Track.class);
    private final Map<Track, Deque<ResourceSample>> resources = new EnumMap<>(Track.class);
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> sizes = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MultiGauge cpu;
    private final MultiGauge heap;
    private final MultiGauge restarts;
    private final MultiGauge ready;

    public RouterTelemetry() {
        this(RING_CAPACITY);
    }

    RouterTelemetry(int ringCapacity) {
        for (Track t : Track.values()) {
            rings.put(t, new SampleRing(t, ringCapacity));
            resources.put(t, new ArrayDeque<>());
        }
        cpu = MultiGauge.builder("lab.instance.cpu.seconds")
                .description("process_cpu_seconds_total of the instance at the last scrape").register(registry);
        heap = MultiGauge.builder("lab.instance.heap.used").baseUnit("bytes")
                .description("Heap in use by the instance at the last scrape").register(registry);
        restarts = MultiGauge.builder("lab.instance.restarts")
                .description("Times the supervisor restarted the instance").register(registry);
        ready = MultiGauge.builder("lab.instance.ready")
                .description("1 when the instance is ready and gets traffic").register(registry);
    }

    /** One request answered through the router (by an instance, or by the router itself when none could). */
    void record(Track track, String version, String instance, int status, long nanos, long bytes) {
        rings.get(track).add(System.currentTimeMillis(), version, status, nanos / 1e6, bytes);
        String key = track.ordinal() + "|" + version + "|" + instance + "|" + status;
        timers.computeIfAbsent(key, k -> Timer.builder("lab.router.requests")
                .description("Requests through the router, by the track and instance that answered")
                .tags("track", track.label(), "version", version, "instance", instance, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        sizes.computeIfAbsent(track.ordinal() + "|" + version, k -> DistributionSummary.builder("lab.router.response.size")
                .baseUnit("bytes").description("Response body sizes through the router")
                .tags("track", track.label(), "version", version)
                .register(registry)).record(bytes);
    }

    /** A request moved to another instance after its first one failed. */
    void retried(Track track) {
        count("lab.router.retries", "Requests retried on another ready instance after a failure", track);
    }

    /** A request the weights gave to a track with no ready instance, answered by stable instead. */
    void fellBack(Track from) {
        count("lab.router.fallbacks", "Requests sent to stable because their track had no ready instance", from);
    }

    private void count(String name, String description, Track track) {
        counters.computeIfAbsent(name + "|" + track, k -> Counter.builder(name).description(description)
                .tag("track", track.label()).register(registry)).increment();
    }

    /** Keeps one scrape of each instance and publishes it as gauges; instances gone since the last call vanish. */
    void scraped(List<ResourceSample> samples, Map<String, Boolean> readiness) {
        for (ResourceSample s : samples) {
            Deque<ResourceSample> q = resources.get(s.track());
            synchronized (q) {
                if (q.size() == RESOURCE_CAPACITY) {
                    q.removeFirst();
                }
                q.addLast(s);
            }
        }
        cpu.register(rows(samples, ResourceSample::cpuSecondsTotal), true);
        heap.register(rows(samples, ResourceSample::heapUsedBytes), true);
        restarts.register(rows(samples, s -> (double) s.restarts()), true);
        ready.register(rows(samples, s -> readiness.getOrDefault(s.instance(), false) ? 1.0 : 0.0), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<ResourceSample> samples, Function<ResourceSample, Double> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (ResourceSample s : samples) {
            double v = value.apply(s);
            rows.add(MultiGauge.Row.of(Tags.of("track", s.track().label(), "version", s.version(),
                    "instance", s.instance()), () -> v));
        }
        return rows;
    }

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to) {
        return rings.get(track).window(from, to);
    }

    @Override
    public List<ResourceSample> resources(Track track, Instant from, Instant to) {
        Deque<ResourceSample> q = resources.get(track);
        synchronized (q) {
            return q.stream().filter(s -> !s.time().isBefore(from) && s.time().isBefore(to)).toList();
        }
    }

    /** The Prometheus text exposition of everything above. */
    public String scrape() {
        return registry.scrape();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
