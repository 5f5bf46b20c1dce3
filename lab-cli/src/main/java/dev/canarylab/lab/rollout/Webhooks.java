package dev.canarylab.lab.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;

/**
 * Flagger and Vamp style webhooks: every event POSTed as JSON to the hooks that asked for it; a confirm-promotion
 * hook is asked before the switch and anything but a 2xx answer blocks it. A hook that cannot be reached never
 * breaks the rollout, except a confirm-promotion hook, which then blocks the promotion.
 */
final class Webhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Strategy.Webhook> hooks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build();
    private final Consumer<String> warn;
    private final String rollout;

    Webhooks(List<Strategy.Webhook> hooks, String rollout, Consumer<String> warn) {
        this.hooks = hooks;
        this.rollout = rollout;
        this.warn = warn;
    }

    /** Tells every hook subscribed to {@code event.type()}; failures are reported, not thrown. */
    void notify(RolloutRecord.Event event) {
        for (Strategy.Webhook h : hooks) {
            if (!h.confirmPromotion() && h.events().contains(event.type())) {
                String failure = post(h, event);
                if (failure != null) {
                    warn.accept("webhook " + h.url() + ": " + failure + " (the rollout goes on)");
                }
            }
        }
    }

    /** Asks every confirm-promotion hook; returns why the promotion is blocked, or null when it may go on. */
    String confirmPromotion(RolloutRecord.Event event) {
        for (Strategy.Webhook h : hooks) {
            if (h.confirmPromotion()) {
                String failure = post(h, event);
                if (failure != null) {
                    return "confirm-promotion webhook " + h.url() + " " + failure;
                }
            }
        }
        return null;
    }

    private String post(Strategy.Webhook h, RolloutRecord.Event event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("rollout", rollout);
        body.put("type", h.confirmPromotion() ? "confirm-promotion" : event.type());
        body.put("time", event.time().toString());
        body.put("message", event.message());
        try {
            HttpRequest req = HttpRequest.newBuilder(h.url()).timeout(h.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "answered " + status;
        } catch (IOException | IllegalArgumentException e) {
            return "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
