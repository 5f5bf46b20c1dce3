import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's load: one URL at a fixed rate for a while, with a line per minute (requests, errors, p50/p99/max,
 * the lab JVM's RSS) and a summary: java SoakLoad.java URL RPS SECONDS LAB_PID.
 *
 * <p>Open model, as in RouterLatency: a pacer releases one request per period and latency counts from the release
 * time, so a stall (a deploy, a weight change, a GC) shows in the figures instead of being hidden by sending less.
 * Each request belongs to the minute it was due in. Any answer but 200, and any connection failure, is an error.
 */
public class SoakLoad {

    static final int WORKERS = 32;
    /** How long after a minute ends its line is printed: the slowest requests of the minute have come back. */
    static final long LAG_NANOS = TimeUnit.SECONDS.toNanos(5);

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rps = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long labPid = Long.parseLong(args[3]);
        int minutes = (seconds + 59) / 60;
        Minute[] perMinute = new Minute[minutes];
        for (int m = 0; m < minutes; m++) {
            perMinute[m] = new Minute();
        }
        long rssStart = rssKb(labPid);
        System.out.printf(Locale.ROOT, "lab JVM (pid %d) RSS at start: %s%n", labPid, mb(rssStart));
        System.out.printf(Locale.ROOT, "%-6s %9s %7s %8s %8s %8s %10s%n", "minute", "requests", "errors", "p50 ms",
                "p99 ms", "max ms", "lab RSS");
        System.out.flush();

        BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        long start = System.nanoTime() + 50_000_000L;
        long total = (long) rps * seconds;
        AtomicLong done = new AtomicLong();
        byte[] request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUser-Agent: soak\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(() -> work(uri, request, queue, start, perMinute, done, total));
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        Thread reporter = new Thread(() -> report(perMinute, start, labPid));
        reporter.setDaemon(true);
        reporter.start();

        long period = 1_000_000_000L / rps;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            // Parked, not spinning: a spinning pacer takes a core from the servers on a small machine.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            queue.add(due);
        }
        for (Thread t : workers) {
            t.join(60_000);
        }
        reporter.join(70_000);

        long requests = 0;
        long errors = 0;
        double worstP99 = 0;
        for (Minute m : perMinute) {
            requests += m.count();
            errors += m.errors.sum();
            worstP99 = Math.max(worstP99, m.quantile(0.99));
        }
        long rssEnd = rssKb(labPid);
        System.out.println();
        System.out.printf(Locale.ROOT, "requests %d at %d/s over %d s, errors %d (%.4f%%)%n", requests, rps, seconds,
                errors, requests == 0 ? 0.0 : 100.0 * errors / requests);
        long due = (long) rps * seconds;
        if (requests < due * 0.95) {
            // A request that was due but never answered is no figure: the client fell behind or its threads died.
            System.out.printf(Locale.ROOT, "soak: error: only %d of the %d requests due were sent and answered"
                    + " (the client fell behind or failed); the figures above are not a soak%n", requests, due);
        }
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (Minute m : perMinute) {
            m.kinds.forEach((k, v) -> kinds.merge(k, v.sum(), Long::sum));
        }
        kinds.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %d x %s%n", v, k));
        System.out.printf(Locale.ROOT, "worst minute's p99: %.1f ms%n", worstP99);
        long rssMinuteOne = perMinute[0].rssKb;
        System.out.printf(Locale.ROOT, "lab JVM RSS: at start %s, after the first minute %s, at the end %s"
                + " (end / first minute: %+.1f%%)%n", mb(rssStart), mb(rssMinuteOne), mb(rssEnd),
                rssMinuteOne <= 0 ? Double.NaN : 100.0 * (rssEnd - rssMinuteOne) / rssMinuteOne);
    }

    /** Prints each minute's line once the minute is over and its slowest requests are back. */
    private static void report(Minute[] perMinute, long start, long labPid) {
        for (int m = 0; m < perMinute.length; m++) {
            long at = start + TimeUnit.MINUTES.toNanos(m + 1) + LAG_NANOS;
            for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Minute x = perMinute[m];
            x.rssKb = rssKb(labPid);
            System.out.printf(Locale.ROOT, "%-6d %9d %7d %8.1f %8.1f %8.1f %10s%n", m + 1, x.count(), x.errors.sum(),
                    x.quantile(0.5), x.quantile(0.99), x.quantile(1.0), mb(x.rssKb));
            System.out.flush();
        }
    }

    private static void work(URI uri, byte[] request, BlockingQueue<Long> queue, long start, Minute[] perMinute,
            AtomicLong done, long total) {
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
                if (done.get() >= total) {
                    RawHttp.closeQuietly(socket);
                    return;
                }
                continue;
            }
            Minute minute = perMinute[(int) Math.min(perMinute.length - 1,
                    TimeUnit.NANOSECONDS.toMinutes(Math.max(0, due - start)))];
            try {
                if (socket == null) {
                    socket = new Socket(uri.getHost(), uri.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                int status = RawHttp.readResponse(in);
                if (status == 200) {
                    minute.add((System.nanoTime() - due) / 1e6);
                } else {
                    minute.error("answered " + status);
                }
            } catch (IOException | RuntimeException e) {
                minute.error(e.getClass().getSimpleName() + ": " + e.getMessage());
                RawHttp.closeQuietly(socket);
                socket = null; // a new connection for the next request
            } finally {
                done.incrementAndGet();
            }
        }
    }

    /** One minute's latencies (ms) of the requests due in it that were answered 200, and its errors by kind. */
    static final class Minute {
        private double[] ms = new double[65_536];
        private int n;
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        volatile long rssKb;

        synchronized void add(double latency) {
            if (n == ms.length) {
                ms = Arrays.copyOf(ms, n * 2);
            }
            ms[n++] = latency;
        }

        void error(String kind) {
            errors.increment();
            kinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        synchronized long count() {
            return n + errors.sum();
        }

        synchronized double quantile(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            double[] sorted = Arrays.copyOf(ms, n);
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1))];
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: shown as "?"
        }
        return -1;
    }

    private static String mb(long kb) {
        return kb < 0 ? "?" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }
}
