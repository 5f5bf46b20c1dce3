package dev.canarylab.traffic.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request's outcome, as the Gatling scenario reports it: per endpoint a latency histogram and ok/ko
 * counts, errors by kind, how many requests were sent and when the last one went out.
 */
public final class Recorder {

    private final List<String> names;
    private final LatencyHistogram[] latencies;
    private final LongAdder[] ko;
    private final LongAdder[] noResponse;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final AtomicLong lastSentNanos = new AtomicLong(Long.MIN_VALUE);

    public Recorder(List<String> endpointNames, int capMillis) {
        this.names = List.copyOf(endpointNames);
        this.latencies = new LatencyHistogram[names.size()];
        this.ko = new LongAdder[names.size()];
        this.noResponse = new LongAdder[names.size()];
        for (int i = 0; i < names.size(); i++) {
            latencies[i] = new LatencyHistogram(capMillis);
            ko[i] = new LongAdder();
            noResponse[i] = new LongAdder();
        }
    }

    /** A request is about to be sent, at {@code nanoTime} ({@link System#nanoTime()}). */
    public void sent(long nanoTime) {
        sent.increment();
        lastSentNanos.accumulateAndGet(nanoTime, Math::max);
    }

    /** A request finished; {@code status} is null when no response came back, {@code error} null when ok. */
    public void finished(int endpoint, long millis, Integer status, String error) {
        latencies[endpoint].record(millis);
        if (error != null) {
            ko[endpoint].increment();
            errors.computeIfAbsent(error, e -> new LongAdder()).increment();
            if (status == null) {
                noResponse[endpoint].increment();
            }
        }
    }

    public Snapshot snapshot() {
        Map<String, Snapshot.Endpoint> perEndpoint = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            perEndpoint.put(names.get(i), new Snapshot.Endpoint(latencies[i].snapshot(), ko[i].sum(), noResponse[i].sum()));
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Snapshot(perEndpoint, errorCounts, sent.sum(), lastSentNanos.get());
    }
}
