package dev.canarylab.lab.runtime.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops replicas in the background (drain, then kill after the grace period), and remembers those still stopping
 * so that closing the lab waits for them too.
 */
final class ReplicaStopper {

    static final Duration STOP_GRACE = Duration.ofSeconds(7);

    private final Set<Replica> stopping = ConcurrentHashMap.newKeySet();

    void stopAsync(List<Replica> replicas) {
        for (Replica r : replicas) {
            stopping.add(r);
            Thread t = new Thread(() -> {
                r.stop(STOP_GRACE);
                stopping.remove(r);
            }, "stop-" + r.id);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Stops {@code running} and those still stopping, in parallel; returns when all are gone (or past the grace). */
    List<Replica> stopAll(List<Replica> running) {
        List<Replica> all = new ArrayList<>(running);
        all.addAll(stopping);
        List<Thread> stoppers = new ArrayList<>();
        for (Replica r : all) {
            Thread t = new Thread(() -> r.stop(STOP_GRACE), "stop-" + r.id);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(STOP_GRACE.toMillis() + 6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return all;
    }
}
