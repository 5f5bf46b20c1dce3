package dev.canarylab.lab.rollout;

import dev.canarylab.lab.config.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Posts JSON to webhooks with Jetty's client: unlike the JDK's (Java 17), it can be stopped, so a rollout's
 * end leaves none of its threads behind. Started on the first post: most rollouts have no hooks.
 */
final class WebhookClient implements AutoCloseable {

    /** Names every thread the webhooks start, so a test (or a thread dump) can tell them. */
    static final String THREAD_PREFIX = "lab-webhook";
    /** How a post stopped by the end of the rollout starts its answer. */
    static final String NOT_SENT = "not sent: ";

    private HttpClient client;
    private boolean closed;

    /** Posts {@code json}; returns why it failed ("answered 500", "did not answer within 5 s"), or null. */
    String post(URI url, String json, Duration timeout) {
        HttpClient c;
        try {
            c = started();
        } catch (Exception e) {
            return "failed: " + message(e);
        }
        if (c == null) {
            return NOT_SENT + "the rollout has ended";
        }
        try {
            int status = c.POST(url).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .body(new StringRequestContent("application/json", json)).send().getStatus();
            return status / 100 == 2 ? null : "answered " + status;
        } catch (TimeoutException e) {
            return "did not answer within " + Durations.format(timeout);
        } catch (ExecutionException e) {
            return "failed: " + message(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_SENT + "interrupted";
        } catch (RuntimeException e) {
            return "failed: " + message(e);
        }
    }

    private synchronized HttpClient started() throws Exception {
        if (closed) {
            return null;
        }
        if (client == null) {
            QueuedThreadPool pool = new QueuedThreadPool(8, 1);
            pool.setName(THREAD_PREFIX + "-client");
            pool.setDaemon(true);
            HttpClient c = new HttpClient();
            c.setExecutor(pool);
            c.setScheduler(new ScheduledExecutorScheduler(THREAD_PREFIX + "-scheduler", true));
            c.setConnectTimeout(3000);
            c.setFollowRedirects(false);
            c.start();
            client = c;
        }
        return client;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Stops the client and its threads; a post after this is refused. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                // stopping is best effort: its threads are daemons and never keep the lab alive
            }
            client = null;
        }
    }
}
