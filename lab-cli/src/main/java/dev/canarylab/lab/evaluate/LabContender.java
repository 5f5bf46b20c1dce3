package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.SequentialAnalysis;
import dev.canarylab.lab.analysis.TrackPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** canary-lab's judge as the live analysis runs it: request-level samples, one look per interval, alpha spending. */
final class LabContender implements Contender {

    private final CanaryConfig config;
    private final Map<String, Source> sources = new HashMap<>();

    LabContender(CanaryConfig config) {
        this.config = config;
        for (MetricSpec m : config.metrics()) {
            sources.put(m.name(), Source.of(m));
        }
    }

    @Override
    public String name() {
        return "canary-lab";
    }

    @Override
    public Outcome run(TrackRecording baseline, TrackRecording canary) {
        AnalysisPlan plan = config.plan();
        SequentialAnalysis analysis = new SequentialAnalysis(config);
        for (int k = 1; !analysis.finished(); k++) {
            double at = plan.lookSeconds(k);
            double start = plan.windowStartSeconds(at);
            Map<String, TrackPair> data = new HashMap<>();
            for (MetricSpec m : config.metrics()) {
                Source s = sources.get(m.name());
                data.put(m.name(), new TrackPair(series(baseline, s, start, at), series(canary, s, start, at)));
            }
            analysis.look(data, at, at - start);
        }
        Judgement last = analysis.last();
        List<String> failed = last.results().stream().filter(r -> r.classification().isFailure())
                .map(MetricResult::metric).toList();
        return new Outcome(last.verdict(), last.look().elapsedSeconds(), failed);
    }

    static MetricData series(TrackRecording r, Source s, double start, double end) {
        if (s.perRequest) {
            int[] range = r.range(start, end);
            return switch (s) {
                case LATENCY -> r.latency(range);
                case ERRORS -> r.errors(range);
                default -> r.bytes(range);
            };
        }
        int[] steps = r.steps(start, end);
        return switch (s) {
            case CPU -> TrackRecording.slice(r.cpu(), steps);
            case HEAP -> TrackRecording.slice(r.heap(), steps);
            default -> TrackRecording.slice(r.restarts(), steps);
        };
    }
}
