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

/**
 * Open-model latency of two URLs at the same fixed rate, interleaved so that both see the same machine load:
 * java RouterLatency.java DIRECT_URL ROUTER_URL RPS SECONDS.
 *
 * A pacer thread releases one request per period for each URL; worker threads with a kept-alive connection each
 * send it and read the answer. Latency counts from the release time, so a stall is not hidden by sending less
 * (no coordinated omission). A plain socket client costs a few microseconds per request, so the figures are the
 * servers', not the client's.
 */
public class RouterLatency {

    static final int WORKERS_PER_URL = 8;

    public static void main(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        URI router = URI.create(args[1]);
        int rps = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        run(direct, router, rps, 10); // warm-up: connections, and JIT on both sides
        Result[] r = run(direct, router, rps, seconds);
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
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    Thread.sleep(0, 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            d.queue.add(due);
            r.queue.add(due);
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
            while (true) {
                Long due;
                try {
                    due = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (due == null) {
                    if (next.get() + failures.get() >= expected) {
                        return;
                    }
                    continue;
                }
                try {
                    if (socket == null) {
                        socket = new Socket(uri.getHost(), uri.getPort());
                        socket.setTcpNoDelay(true);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    int status = readResponse(socket);
                    long took = System.nanoTime() - due;
                    if (status == 200) {
                        nanos[(int) next.getAndIncrement()] = took;
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (IOException ignored) {
                        // reconnect on the next request
                    }
                    socket = null;
                }
            }
        }

        // A BufferedInputStream per response would lose read-ahead bytes; keep one per socket.
        private final java.util.Map<Socket, InputStream> inputs = new java.util.concurrent.ConcurrentHashMap<>();

        private int readResponse(Socket socket) throws IOException {
            InputStream in = inputs.computeIfAbsent(socket, s -> {
                try {
                    return new BufferedInputStream(s.getInputStream(), 16384);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                    skip(in, size);
                    line(in);
                }
                line(in);
            } else if (length > 0) {
                skip(in, length);
            }
            return status;
        }

        private static void skip(InputStream in, long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    k = 1;
                }
                n -= k;
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
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
