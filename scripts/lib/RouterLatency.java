import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model latency of two URLs at the same fixed rate, interleaved so that both see the same machine load:
 * java RouterLatency.java DIRECT_URL ROUTER_URL RPS SECONDS. Latency counts from the intended send time, so a
 * stall is not hidden by sending less (no coordinated omission). Prints percentiles and the router's addition.
 */
public class RouterLatency {

    static final int MAX_IN_FLIGHT = 200;

    public static void main(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        URI router = URI.create(args[1]);
        int rps = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        run(http, direct, router, rps, 3, null, null); // warm-up: connections, JIT on both sides
        ConcurrentLinkedQueue<Long> d = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> r = new ConcurrentLinkedQueue<>();
        AtomicLong failures = run(http, direct, router, rps, seconds, d, r);
        double[] dm = millis(d);
        double[] rm = millis(r);
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %8s%n", "", "requests", "p50", "p90", "p99", "p99.9");
        print("direct", dm);
        print("router", rm);
        System.out.printf(Locale.ROOT, "%-8s %8s %8.3f %8.3f %8.3f %8.3f  (ms; router minus direct)%n", "added", "",
                q(rm, .5) - q(dm, .5), q(rm, .9) - q(dm, .9), q(rm, .99) - q(dm, .99), q(rm, .999) - q(dm, .999));
        if (failures.get() > 0) {
            System.out.println("failed or not sent (more than " + MAX_IN_FLIGHT + " in flight: the machine could not keep up): "
                    + failures.get() + "; the figures above are not a steady state");
        }
        System.exit(0);
    }

    private static AtomicLong run(HttpClient http, URI direct, URI router, int rps, int seconds,
            ConcurrentLinkedQueue<Long> d, ConcurrentLinkedQueue<Long> r) throws InterruptedException {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicLong failures = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long periodNanos = 1_000_000_000L / rps;
        long start = System.nanoTime();
        AtomicLong n = new AtomicLong();
        ticks.scheduleAtFixedRate(() -> {
            long i = n.getAndIncrement();
            long intended = start + i * periodNanos;
            send(http, direct, intended, d, failures, inFlight);
            send(http, router, intended, r, failures, inFlight);
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L);
        ticks.shutdownNow();
        while (inFlight.get() > 0) {
            Thread.sleep(10);
        }
        return failures;
    }

    private static void send(HttpClient http, URI uri, long intended, ConcurrentLinkedQueue<Long> out, AtomicLong failures,
            AtomicLong inFlight) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            failures.incrementAndGet();
            return;
        }
        http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((resp, err) -> {
                    long took = System.nanoTime() - intended;
                    if (err != null || resp.statusCode() != 200) {
                        failures.incrementAndGet();
                    } else if (out != null) {
                        out.add(took);
                    }
                    inFlight.decrementAndGet();
                });
    }

    private static double[] millis(ConcurrentLinkedQueue<Long> nanos) {
        double[] a = nanos.stream().mapToDouble(x -> x / 1e6).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double q(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void print(String name, double[] a) {
        System.out.printf(Locale.ROOT, "%-8s %8d %8.3f %8.3f %8.3f %8.3f%n", name, a.length, q(a, .5), q(a, .9), q(a, .99), q(a, .999));
    }
}
