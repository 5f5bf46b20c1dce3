import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model latency of two URLs at the same fixed rate, interleaved so that both see the same machine load:
 * java RouterLatency.java DIRECT_URL ROUTER_URL RPS SECONDS [RUNS [WARM_UP_SECONDS]].
 *
 * A pacer thread releases one request per period for each URL, the router's half a period after the direct one, so
 * that the two streams alternate instead of arriving together and queueing behind each other at the instance (which
 * charged the router for the direct request's service time). Worker threads with a kept-alive connection each send
 * a request and read the answer. Latency counts from the release time, so a stall, of the servers or of the pacer,
 * is not hidden by sending less (no coordinated omission). A plain socket client costs a few microseconds per
 * request, so the figures are the servers', not the client's. After one warm-up, RUNS measurements (default 1)
 * each print their own figures and the load average at their start, so that noise shows as spread between runs.
 */
public class RouterLatency {

    static final int WORKERS_PER_URL = 8;

    public static void main(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        URI router = URI.create(args[1]);
        int rps = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        run(direct, router, rps, warmUp); // warm-up: connections, and JIT on both sides and in this client
        for (int k = 1; k <= runs; k++) {
            String load = loadAverage();
            Result[] r = run(direct, router, rps, seconds);
            System.out.printf(Locale.ROOT, "run %d of %d, load average at start %s, at end %s%n", k, runs, load, loadAverage());
            System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %8s %8s%n", "", "requests", "p50", "p90", "p99", "p99.9", "max");
            r[0].print("direct");
            r[1].print("router");
            System.out.printf(Locale.ROOT, "%-8s %8s %8.3f %8.3f %8.3f %8.3f %8s  (ms: router minus direct)%n", "added", "",
                    r[1].q(.5) - r[0].q(.5), r[1].q(.9) - r[0].q(.9), r[1].q(.99) - r[0].q(.99), r[1].q(.999) - r[0].q(.999), "");
            long failed = r[0].failures.get() + r[1].failures.get();
            if (failed > 0) {
                System.out.println("failed requests: " + failed);
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    record Result(double[] ms, AtomicLong failures) {
        double q(double p) {
            return ms.length == 0 ? Double.NaN : ms[Math.min(ms.length - 1, (int) Math.ceil(p * ms.length) - 1)];
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "%-8s %8d %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, ms.length, q(.5), q(.9), q(.99),
                    q(.999), ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
        }
    }

    private static Result[] run(URI direct, URI router, int rps, int seconds) throws InterruptedException {
        int n = rps * seconds;
        Target d = new Target(direct, n);
        Target r = new Target(router, n);
        long period = 1_000_000_000L / rps;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < 2 * n; i++) {
            long due = start + i * (period / 2);
            // Parked, not spinning: a spinning pacer takes a core's worth of time from the servers on a small machine.
            // Waking late is no error: latency counts from the due time, for both streams alike.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            (i % 2 == 0 ? d : r).queue.add(due);
        }
        return new Result[] {d.finish(), r.finish()};
    }

    /** One URL: a queue of release times and the workers that serve it. */
    static final class Target {
        final BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        final long[] nanos;
        final AtomicLong next = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final Thread[] workers = new Thread[WORKERS_PER_URL];
        final int expected;

        Target(URI uri, int expected) {
            this.expected = expected;
            this.nanos = new long[expected];
            byte[] request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUser-Agent: bench-router\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int w = 0; w < workers.length; w++) {
                workers[w] = new Thread(() -> work(uri, request));
                workers[w].setDaemon(true);
                workers[w].start();
            }
        }

        private void work(URI uri, byte[] request) {
            Socket socket = null;
            InputStream in = null;
            while (true) {
                Long due;
                try {
                    due = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (due == null) {
                    if (next.get() + failures.get() >= expected) {
                        RawHttp.closeQuietly(socket);
                        return;
                    }
                    continue;
                }
                try {
                    if (socket == null) {
                        socket = new Socket(uri.getHost(), uri.getPort());
                        socket.setTcpNoDelay(true);
                        // One buffered stream per socket for its whole life: a new one per response would lose read-ahead.
                        in = new BufferedInputStream(socket.getInputStream(), 16384);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    int status = RawHttp.readResponse(in);
                    long took = System.nanoTime() - due;
                    if (status == 200) {
                        nanos[(int) next.getAndIncrement()] = took;
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    RawHttp.closeQuietly(socket);
                    socket = null; // reconnect on the next request
                }
            }
        }

        Result finish() throws InterruptedException {
            for (Thread w : workers) {
                w.join(30_000);
            }
            double[] ms = new double[(int) next.get()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = nanos[i] / 1e6;
            }
            Arrays.sort(ms);
            return new Result(ms, failures);
        }
    }
}
