package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.config.ConfigLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small configs, strategies and a recording listener for rollout tests. */
final class Rollouts {

    /** Latency and errors, both critical: what the fake source serves. */
    static final CanaryConfig CONFIG = ConfigLoader.parse("""
            analysis: {confidence: 0.98, power: 0.8}
            scoring:
              marginal: 75
              pass: 95
              groups: {latency: 50, errors: 50}
            metrics:
              - name: latency
                groups: [latency]
                embedded: router:request_latency_ms
                kind: latency
                direction: increase
                critical: true
                mustHaveData: true
                allowedIncrease: 1.1
              - name: errors
                groups: [errors]
                embedded: router:request_errors
                kind: error-ratio
                direction: increase
                critical: true
                mustHaveData: true
                allowedIncrease: 2.0
                allowedAbsoluteIncrease: 0.01
            """, "test config");

    /** Latency only: what a short preview can judge. */
    static final CanaryConfig LATENCY_ONLY = CONFIG.withMetrics(CONFIG.metrics().subList(0, 1));

    private Rollouts() {
    }

    static Strategy strategy(String yaml) {
        return StrategyLoader.parse(yaml, "test strategy", null);
    }

    static Rollout rollout(FakeRuntime runtime, Strategy strategy, Recorder recorder) {
        return rollout(runtime, CONFIG, strategy, recorder);
    }

    static Rollout rollout(FakeRuntime runtime, CanaryConfig config, Strategy strategy, Recorder recorder) {
        return new Rollout(runtime, runtime.metricSource(), config, strategy,
                new Rollout.Settings("test: v1 -> new", Duration.ofSeconds(2), false), recorder);
    }

    /** Remembers what the rollout told its listener. */
    static final class Recorder implements RolloutListener {
        final List<RolloutRecord.Event> events = Collections.synchronizedList(new ArrayList<>());
        final List<RolloutRecord.Analysis> analysed = Collections.synchronizedList(new ArrayList<>());
        final List<Judgement> looks = Collections.synchronizedList(new ArrayList<>());
        final List<Progress> ticks = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void event(RolloutRecord.Event event) {
            events.add(event);
        }

        @Override
        public void tick(Progress progress) {
            ticks.add(progress);
        }

        @Override
        public void look(String analysis, Judgement judgement) {
            looks.add(judgement);
        }

        @Override
        public void analysed(RolloutRecord.Analysis analysis) {
            analysed.add(analysis);
        }

        List<String> messages(EventType type) {
            synchronized (events) {
                return events.stream().filter(e -> e.type() == type).map(RolloutRecord.Event::message).toList();
            }
        }
    }
}
