package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Track;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Sends the copies of mirrored requests, fire-and-forget: the request thread only offers a copy to a bounded
 * queue (a full queue drops it, counted), and one dispatcher sends the queued copies with their own HTTP client
 * and at most {@link #IN_FLIGHT} at a time, so no client's answer or latency waits for a copy. Each copy's outcome
 * is recorded in the telemetry tagged as mirrored.
 */
final class Mirroring implements AutoCloseable {

    /** Copies waiting to be sent: a second of mirroring at a few hundred requests a second. */
    static final int QUEUE = 1024;
    static final int IN_FLIGHT = 64;
    /** Tells the instance that a request is a copy (as Istio appends "-shadow" to a mirrored request's Host). */
    static final String MIRRORED_HEADER = "X-Lab-Mirrored";
    private static final long TIMEOUT_MS = 10_000;

    /** One copy: where it goes, and the request it copies. */
    record Copy(Endpoint target, String method, String pathAndQuery, HttpFields headers) {
    }

    private final RouterTelemetry telemetry;
    private final BlockingQueue<Copy> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final HttpClient client = new HttpClient();
    private final Thread dispatcher;
    private volatile boolean closed;

    Mirroring(RouterTelemetry telemetry) {
        this.telemetry = telemetry;
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("lab-mirror");
        pool.setDaemon(true);
        client.setExecutor(pool);
        client.setMaxConnectionsPerDestination(IN_FLIGHT);
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the mirroring HTTP client did not start", e);
        }
        dispatcher = new Thread(this::dispatch, "lab-mirror-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Queues a copy, or counts it dropped when the queue is full. Never blocks. */
    void offer(Copy copy) {
        if (closed || !queue.offer(copy)) {
            dropped.incrementAndGet();
        }
    }

    /** A copy that had nowhere to go (no ready instance on its track). */
    void noTarget() {
        dropped.incrementAndGet();
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void dispatch() {
        while (!closed) {
            try {
                Copy c = queue.take();
                inFlight.acquire();
                send(c);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                inFlight.release(); // a copy that could not be built is lost, never the dispatcher
                dropped.incrementAndGet();
            }
        }
    }

    private void send(Copy c) {
        long start = System.nanoTime();
        Request request = client.newRequest(c.target().baseUrl() + c.pathAndQuery()).method(c.method())
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    for (HttpField f : c.headers()) {
                        h.add(f);
                    }
                    h.put(MIRRORED_HEADER, "true");
                });
        sent.incrementAndGet();
        long[] bytes = {0};
        request.send(new Response.Listener.Adapter() {
            @Override
            public void onContent(Response response, ByteBuffer content) {
                bytes[0] += content.remaining();
            }

            @Override
            public void onComplete(Result result) {
                inFlight.release();
                int status = result.isFailed()
                        ? (result.getFailure() instanceof TimeoutException ? 504 : 502)
                        : result.getResponse().getStatus();
                Endpoint e = c.target();
                telemetry.record(e.track(), e.version(), e.instance(), status, System.nanoTime() - start, bytes[0], true);
            }
        });
    }

    /** The tracks a copy of one of stable's requests goes to: the canary and the baseline, those deployed. */
    static List<Track> targets(RoutingTable table) {
        return List.of(Track.CANARY, Track.BASELINE).stream().filter(table::deployed).toList();
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        try {
            client.stop();
        } catch (Exception e) {
            // best effort: the router is going away
        }
    }
}
