package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.ResourceSample;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    // Keyed by records rather than by concatenated strings: a lookup per request then builds no string.
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<SizeKey, DistributionSummary> sizes = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    // One set of gauges per instance, registered once and read from its latest scrape: re-registering gauges on
    // every scrape (MultiGauge with overwrite) left duplicate series that broke /metrics during a crash loop.
    private final Map<String, ResourceSample> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> latestReady = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> instanceGauges = new HashMap<>();

    public RouterTelemetry() {
        this(RING_CAPACITY);
    }

    RouterTelemetry(int ringCapacity) {
        for (Track t : Track.values()) {
            rings.put(t, new SampleRing(t, ringCapacity));
            resources.put(t, new ArrayDeque<>());
        }
    }

    /** One request answered through the router (by an instance, or by the router itself when none could). */
    void record(Track track, String version, String instance, int status, long nanos, long bytes) {
        record(track, version, instance, status, nanos, bytes, false);
    }

    /**
     * @param mirrored a copy of one of stable's requests ({@link Mirroring}): kept in the same ring, tagged, and
     *     published with {@code mirrored="true"}, so an analysis can take or leave the copies
     */
    void record(Track track, String version, String instance, int status, long nanos, long bytes, boolean mirrored) {
        rings.get(track).add(System.currentTimeMillis(), version, status, nanos / 1e6, bytes, mirrored);
        timers.computeIfAbsent(new TimerKey(track, version, instance, status, mirrored), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
        sizes.computeIfAbsent(new SizeKey(track, version), this::size).record(bytes);
    }

    private record TimerKey(Track track, String version, String instance, int status, boolean mirrored) {
    }

    private record SizeKey(Track track, String version) {
    }

    private Timer timer(TimerKey k) {
        return Timer.builder("lab.router.requests")
                .description("Requests through the router, by the track and instance that answered")
                .tags("track", k.track().label(), "version", k.version(), "instance", k.instance(),
                        "status", Integer.toString(k.status()), "mirrored", Boolean.toString(k.mirrored()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private DistributionSummary size(SizeKey k) {
        return DistributionSummary.builder("lab.router.response.size")
                .baseUnit("bytes").description("Response body sizes through the router")
                .tags("track", k.track().label(), "version", k.version())
                .register(registry);
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
    synchronized void scraped(List<ResourceSample> samples, Map<String, Boolean> readiness) {
        Set<String> seen = new HashSet<>();
        for (ResourceSample s : samples) {
            Deque<ResourceSample> q = resources.get(s.track());
            synchronized (q) {
                if (q.size() == RESOURCE_CAPACITY) {
                    q.removeFirst();
                }
                q.addLast(s);
            }
            String key = s.track().label() + "|" + s.version() + "|" + s.instance();
            seen.add(key);
            latest.put(key, s);
            latestReady.put(key, readiness.getOrDefault(s.instance(), false));
            instanceGauges.computeIfAbsent(key, k -> instanceGauges(k, s));
        }
        for (Iterator<Map.Entry<String, List<Meter>>> it = instanceGauges.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Meter>> e = it.next();
            if (!seen.contains(e.getKey())) {
                e.getValue().forEach(registry::remove);
                latest.remove(e.getKey());
                latestReady.remove(e.getKey());
                it.remove();
            }
        }
    }

    private List<Meter> instanceGauges(String key, ResourceSample s) {
        Tags tags = Tags.of("track", s.track().label(), "version", s.version(), "instance", s.instance());
        return List.of(
                gauge("lab.instance.cpu.seconds", null, "process_cpu_seconds_total of the instance at the last scrape",
                        tags, key, ResourceSample::cpuSecondsTotal),
                gauge("lab.instance.heap.used", "bytes", "Heap in use by the instance at the last scrape",
                        tags, key, ResourceSample::heapUsedBytes),
                gauge("lab.instance.restarts", null, "Times the supervisor restarted the instance",
                        tags, key, x -> (double) x.restarts()),
                Gauge.builder("lab.instance.ready", latestReady, m -> Boolean.TRUE.equals(m.get(key)) ? 1 : 0)
                        .description("1 when the instance is ready and gets traffic").tags(tags).strongReference(true)
                        .register(registry));
    }

    private Gauge gauge(String name, String unit, String help, Tags tags, String key, Function<ResourceSample, Double> value) {
        return Gauge.builder(name, latest, m -> {
            ResourceSample x = m.get(key);
            return x == null ? Double.NaN : value.apply(x);
        }).baseUnit(unit).description(help).tags(tags).strongReference(true).register(registry);
    }

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to) {
        return rings.get(track).window(from, to);
    }

    @Override
    public RequestWindow requests(Track track, Instant from, Instant to, Origin origin) {
        return rings.get(track).window(from, to, origin);
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
