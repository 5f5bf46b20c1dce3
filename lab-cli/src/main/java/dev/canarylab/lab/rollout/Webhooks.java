package dev.canarylab.lab.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Flagger and Vamp style webhooks: every event POSTed as JSON to the hooks that asked for it; a confirm-promotion
 * hook is asked before the switch and anything but a 2xx answer blocks it.
 *
 * <p>Only a confirm-promotion hook holds the rollout (it is a gate). Notifications are posted in the background,
 * one ordered lane per hook, so a hook that never answers delays nothing but its own later notifications. Their
 * failures wait in a queue until the rollout thread {@linkplain #drainWarnings drains} it: events and listeners
 * are single-threaded. At the end, {@link #close} gives pending notifications a short grace, then drops them with
 * a warning and stops every thread it started.
 */
final class Webhooks implements AutoCloseable {

    /** How long the end of a rollout waits for notifications still on their way. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** Notifications waiting per hook before new ones are dropped: a hook this far behind is not keeping up. */
    static final int QUEUED_PER_HOOK = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Strategy.Webhook> hooks;
    private final String rollout;
    private final WebhookClient client = new WebhookClient();
    private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
    private final List<Lane> lanes = new ArrayList<>();
    private boolean closed;

    Webhooks(List<Strategy.Webhook> hooks, String rollout) {
        this.hooks = hooks;
        this.rollout = rollout;
        for (Strategy.Webhook h : hooks) {
            if (!h.confirmPromotion()) {
                lanes.add(new Lane(h, lanes.size() + 1));
            }
        }
    }

    /** Queues {@code event} for every hook subscribed to its type; returns at once. */
    void notify(RolloutRecord.Event event) {
        if (closed) {
            return;
        }
        for (Lane lane : lanes) {
            if (lane.hook.events().contains(event.type())) {
                String body = body(event.type().id(), event);
                try {
                    lane.executor.execute(() -> {
                        String failure = client.post(lane.hook.url(), body, lane.hook.timeout());
                        // close() reports what it stopped, in one warning per hook
                        if (failure != null && !failure.startsWith(WebhookClient.NOT_SENT)) {
                            warn(lane.hook, "the '" + event.type().id() + "' event " + failure);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    warn(lane.hook, "the '" + event.type().id() + "' event dropped: " + QUEUED_PER_HOOK
                            + " notifications are already waiting for this hook");
                }
            }
        }
    }

    /** Asks every confirm-promotion hook, waiting for each; returns why the promotion is blocked, or null. */
    String confirmPromotion(RolloutRecord.Event event) {
        for (Strategy.Webhook h : hooks) {
            if (h.confirmPromotion()) {
                String failure = client.post(h.url(), body("confirm-promotion", event), h.timeout());
                if (failure != null) {
                    return "confirm-promotion webhook " + h.url() + " " + failure;
                }
            }
        }
        return null;
    }

    /** Hands the warnings of the background posts to {@code to}; call it on the rollout's thread. */
    void drainWarnings(Consumer<String> to) {
        for (String w = warnings.poll(); w != null; w = warnings.poll()) {
            to.accept(w);
        }
    }

    /**
     * Waits up to {@link #GRACE} for queued notifications, drops what is left (each with a warning) and stops
     * every webhook thread. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + GRACE.toNanos();
        lanes.forEach(l -> l.executor.shutdown());
        try {
            for (Lane lane : lanes) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !lane.executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    int dropped = lane.executor.shutdownNow().size();
                    warn(lane.hook, (dropped == 0 ? "the last notification was" : "the notification on its way and "
                            + dropped + " more were") + " not sent: the hook did not answer within the "
                            + Durations.format(GRACE) + " given at the end of the rollout");
                }
            }
            for (Lane lane : lanes) {
                lane.executor.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            lanes.forEach(l -> l.executor.shutdownNow());
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private void warn(Strategy.Webhook hook, String what) {
        warnings.add("webhook " + hook.url() + ": " + what + " (the rollout goes on)");
    }

    private String body(String type, RolloutRecord.Event event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("rollout", rollout);
        body.put("type", type);
        body.put("time", event.time().toString());
        body.put("message", event.message());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode of strings always serialises", e);
        }
    }

    /** One hook's notifications, posted one after another in the order of the events. */
    private static final class Lane {
        final Strategy.Webhook hook;
        final ThreadPoolExecutor executor;

        Lane(Strategy.Webhook hook, int index) {
            this.hook = hook;
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUED_PER_HOOK), r -> {
                        Thread t = new Thread(r, WebhookClient.THREAD_PREFIX + "-" + index);
                        t.setDaemon(true);
                        return t;
                    });
        }
    }
}
