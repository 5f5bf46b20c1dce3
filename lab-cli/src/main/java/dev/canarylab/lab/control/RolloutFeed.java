package dev.canarylab.lab.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.rollout.EventType;
import dev.canarylab.lab.rollout.RolloutListener;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Publishes a rollout to the lab's control server, for the dashboard. Fire and forget: updates go out on a
 * thread of their own, only the latest one waits when the lab is slow, and a lab that does not answer never
 * slows or breaks the rollout. The answer may ask for an abort (the dashboard's button): {@link #onAbort}.
 */
public final class RolloutFeed implements RolloutListener {

    private static final long TICK_NANOS = 500_000_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ControlClient client;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollout-feed");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<RolloutState> pending = new AtomicReference<>();
    private volatile Consumer<String> onAbort = reason -> { };
    private volatile String lastError;

    private String id = UUID.randomUUID().toString();
    private String headline = "";
    private String strategy = "";
    private String stable;
    private String canary;
    private String step = "starting";
    private int weight;
    private RolloutState.Analysis analysis;
    private List<RolloutState.Metric> metrics = List.of();
    private final List<RolloutState.Verdict> verdicts = new ArrayList<>();
    private final Deque<RolloutState.Event> events = new ArrayDeque<>();
    private final Deque<RolloutState.Shadow> shadow = new ArrayDeque<>();
    private boolean ended;
    private String outcome;
    private String sentence;
    private String report;
    private long lastTick;

    public RolloutFeed(ControlClient client) {
        this.client = client;
    }

    /** What to do when someone asks the lab to abort this rollout (e.g. {@code rollout::abort}). */
    public RolloutFeed onAbort(Consumer<String> abort) {
        this.onAbort = abort;
        return this;
    }

    /** Why the latest update did not reach the lab, or null when it did. */
    public String lastError() {
        return lastError;
    }

    @Override
    public synchronized void event(RolloutRecord.Event e) {
        if (e.type() == EventType.START) {
            reset();
            headline = e.message();
            RolloutRecord.Subject s = e.subject();
            if (s != null) {
                canary = s.canaryVersion();
                stable = s.stableVersion();
                String name = s.strategyName();
                strategy = s.strategyKind() + " '" + name.substring(name.lastIndexOf('/') + 1) + "'";
            }
        }
        if (e.type() == EventType.STEP) {
            step = e.message();
        }
        if (e.type().ends()) {
            ended = true;
            sentence = e.message();
            analysis = null;
            outcome = e.type() == EventType.PROMOTION ? "promoted" : e.type() == EventType.ABORT ? "aborted" : null;
        }
        events.addLast(new RolloutState.Event(e.time(), e.type().id(), e.message()));
        while (events.size() > RolloutState.MAX_EVENTS) {
            events.removeFirst();
        }
        publish();
    }

    @Override
    public synchronized void tick(Progress p) {
        step = p.step();
        weight = p.weight();
        if (p.analysis() == null) {
            analysis = null;
        } else {
            Map<String, Long> requests = new LinkedHashMap<>();
            p.requests().forEach((track, n) -> requests.put(track.label(), n));
            Judgement last = p.last();
            analysis = new RolloutState.Analysis(p.analysis(), p.elapsed(), p.end(), requests,
                    last == null ? null : last.verdict().name(), last == null ? null : last.score());
        }
        long now = System.nanoTime();
        if (now - lastTick >= TICK_NANOS) {
            lastTick = now;
            publish();
        }
    }

    @Override
    public synchronized void look(String name, Judgement j) {
        metrics = metrics(j);
        publish();
    }

    @Override
    public synchronized void shadowed(Shadows s) {
        shadow.add(new RolloutState.Shadow(s.analysis(), s.look(), s.lab() == null ? null : s.lab().name(),
                s.verdicts().stream().map(v -> new RolloutState.ShadowJudge(v.judge(), v.verdict().name(), v.reason(),
                        s.disagreeing().contains(v.judge()))).toList()));
        while (shadow.size() > RolloutState.MAX_SHADOW_LOOKS) {
            shadow.removeFirst();
        }
    }

    @Override
    public synchronized void analysed(RolloutRecord.Analysis a) {
        verdicts.add(new RolloutState.Verdict(a.ended(), a.name(), a.verdict().name(), a.sentence()));
        if (a.judgement() != null) {
            metrics = metrics(a.judgement());
        }
        publish();
    }

    /**
     * The rollout ended and its reports are written: sends the outcome and the report's page, and waits (a few
     * seconds at most) until the lab has it, since the command may exit right after.
     */
    public void finished(RolloutRecord record, Path page) {
        synchronized (this) {
            ended = true;
            analysis = null;
            outcome = record.outcome().label();
            sentence = record.sentence();
            report = page == null ? null : page.toAbsolutePath().toString();
            publish();
        }
        try {
            sender.submit(() -> { }).get(2 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the dashboard misses the last update; the rollout is done either way
        }
    }

    private static List<RolloutState.Metric> metrics(Judgement j) {
        List<RolloutState.Metric> out = new ArrayList<>();
        for (MetricResult r : j.results()) {
            out.add(new RolloutState.Metric(r.metric(), r.classification().name(), r.reason()));
        }
        return out;
    }

    private void reset() {
        id = UUID.randomUUID().toString();
        headline = "";
        strategy = "";
        stable = null;
        canary = null;
        step = "starting";
        weight = 0;
        analysis = null;
        metrics = List.of();
        verdicts.clear();
        events.clear();
        shadow.clear();
        ended = false;
        outcome = null;
        sentence = null;
        report = null;
    }

    private void publish() {
        RolloutState s = new RolloutState(id, headline, strategy, stable, canary, step, weight, analysis, metrics,
                verdicts, List.copyOf(events), ended, outcome, sentence, report, Instant.now(), List.copyOf(shadow));
        if (pending.getAndSet(s) == null) {
            sender.execute(this::send);
        }
    }

    private void send() {
        RolloutState s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            JsonNode answer = ControlClient.parse(client.post("/v1/rollout/feed", s, TIMEOUT), JsonNode.class);
            lastError = null;
            String abort = answer.hasNonNull("abort") ? answer.get("abort").asText() : null;
            if (abort != null && !s.ended()) {
                onAbort.accept(abort);
            }
        } catch (RuntimeException e) {
            lastError = e.getMessage();
        }
    }
}
