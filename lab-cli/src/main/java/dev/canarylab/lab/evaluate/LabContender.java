package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.AlphaSpending;
import dev.canarylab.lab.analysis.AnalysisPlan;
import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Judge;
import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.TrackPair;
import java.util.HashMap;
import java.util.Map;

/** canary-lab's judge as the live analysis runs it: request-level samples, one look per interval, alpha spending. */
final class LabContender implements Contender {

    private final Judge judge;
    private final CanaryConfig config;
    private final Map<String, Source> sources = new HashMap<>();

    LabContender(CanaryConfig config) {
        this.config = config;
        this.judge = new Judge(config);
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
        int looks = plan.looks();
        AlphaSpending spending = new AlphaSpending(1 - config.confidence(), plan.lookSeconds(looks));
        Judgement last = null;
        double at = 0;
        for (int k = 1; k <= looks; k++) {
            at = plan.lookSeconds(k);
            double start = plan.windowStartSeconds(at);
            Map<String, TrackPair> data = new HashMap<>();
            for (MetricSpec m : config.metrics()) {
                Source s = sources.get(m.name());
                data.put(m.name(), new TrackPair(series(baseline, s, start, at), series(canary, s, start, at)));
            }
            last = judge.judge(data, spending.look(at), at - start);
            if (last.failed()) {
                return new Outcome(last.verdict(), at);
            }
        }
        return new Outcome(last.verdict(), at);
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
