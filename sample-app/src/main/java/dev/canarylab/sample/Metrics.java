package dev.canarylab.sample;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** The Prometheus registry of an instance: request metrics, fault gauges, JVM and process metrics. */
final class Metrics implements AutoCloseable {

    /** Buckets for histogram_quantile: dense where canary latencies live (1 ms to 1 s), sparse up to 10 s. */
    static final Duration[] LATENCY_BUCKETS = Arrays.stream(new long[] {
            1, 2, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000})
            .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    static final double[] SIZE_BUCKETS = {256, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    Metrics(SampleConfig config) {
        registry.config().commonTags("version", config.version(), "track", config.track().name());
        // Two binder meters break Prometheus naming rules (promtool check metrics): rename one, replace the other
        // with the conventional process_cpu_seconds_total.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the process").register(registry);
        }
        Gauge.builder("app.info", () -> 1)
                .description("Which version this is: always 1, labelled with version and colour")
                .tags("version", config.version(), "colour", config.color())
                .register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Gauges that show which regressions are switched on, so a dashboard can mark them. */
    void bindFaults(FaultInjection faults) {
        Supplier<Faults> f = faults::faults;
        faultGauge("sample.fault.latency", "seconds", "Fixed delay added to affected requests", f, x -> seconds(x.latency()));
        faultGauge("sample.fault.latency.ratio", null, "Fraction of requests delayed", f, x -> x.latencyActive() ? x.latencyRatio() : 0);
        faultGauge("sample.fault.error.rate", null, "Fraction of requests answered 500", f, Faults::errorRate);
        faultGauge("sample.fault.payload.bloat", "bytes", "Extra bytes per stories response", f, Faults::payloadBloat);
        faultGauge("sample.fault.cpu.burn", "seconds", "Busy CPU time per request", f, x -> seconds(x.cpuBurn()));
        faultGauge("sample.fault.leak", "bytes", "Heap bytes retained per request", f, Faults::leak);
        faultGauge("sample.fault.crash", null, "1 when a crash is scheduled", f, x -> x.crashActive() ? 1 : 0);
        faultGauge("sample.fault.unready", null, "1 when readiness is forced down", f, x -> x.unready() ? 1 : 0);
        faultGauge("sample.fault.unhealthy", null, "1 when liveness is forced down", f, x -> x.unhealthy() ? 1 : 0);
        Gauge.builder("sample.leaked", faults, FaultInjection::leakedBytes).baseUnit("bytes")
                .description("Heap bytes retained by the memory leak fault so far").register(registry);
    }

    private void faultGauge(String name, String unit, String help, Supplier<Faults> faults, ToDoubleFunction<Faults> value) {
        Gauge.builder(name, faults, s -> value.applyAsDouble(s.get())).strongReference(true).baseUnit(unit).description(help).register(registry);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    void faultInjected(String fault) {
        Counter.builder("sample.faults.injected").tag("fault", fault)
                .description("Requests a fault was applied to").register(registry).increment();
    }

    /** The two meters of one (method, route, status): looked up once, not rebuilt on every request. */
    private record RequestMeters(Timer latency, DistributionSummary size) {
    }

    private final Map<String, RequestMeters> requestMeters = new ConcurrentHashMap<>();

    /** Records one finished HTTP request under its route template, never its raw path. */
    void recordRequest(String method, String uri, int status, long nanos, long bytes) {
        RequestMeters meters = requestMeters.computeIfAbsent(method + ' ' + uri + ' ' + status, k -> {
            Tags tags = Tags.of("method", method, "uri", uri, "status", Integer.toString(status),
                    "outcome", Outcome.forStatus(status).name());
            return new RequestMeters(
                    Timer.builder("http.server.requests")
                            .description("HTTP requests served, by route template")
                            .tags(tags)
                            .serviceLevelObjectives(LATENCY_BUCKETS)
                            .register(registry),
                    DistributionSummary.builder("http.server.response.size")
                            .description("HTTP response body sizes, by route template")
                            .baseUnit("bytes")
                            .tags(tags)
                            .serviceLevelObjectives(SIZE_BUCKETS)
                            .register(registry));
        });
        meters.latency().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (bytes >= 0) {
            meters.size().record(bytes);
        }
    }

    /** Prometheus text format 0.0.4, which every Prometheus and promtool reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
