package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.HodgesLehmann;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.TestKind;
import dev.canarylab.lab.analysis.Verdict;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The comparison point most teams run today: Kayenta's NetflixACAJudge as Spinnaker configures it. Every
 * metric is aggregated per 10 s step (mean latency, p99 latency, error ratio, mean size, CPU, heap,
 * restarts), compared with Mann-Whitney at 98% confidence with the 25% tolerance band, no power guard and
 * no correction for repeated looks; each interval is judged on its own and a score below marginal stops
 * the canary. Same metrics, groups, weights and critical flags as the config under test.
 */
final class KayentaStyle implements Contender {

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    private final CanaryConfig config;

    KayentaStyle(CanaryConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "Kayenta-style";
    }

    @Override
    public Outcome run(TrackRecording baseline, TrackRecording canary) {
        int looks = config.plan().looks();
        double at = 0;
        Verdict verdict = Verdict.PASS;
        for (int k = 1; k <= looks; k++) {
            at = config.plan().lookSeconds(k);
            double start = config.plan().windowStartSeconds(at);
            verdict = judge(baseline, canary, start, at);
            if (verdict == Verdict.FAIL) {
                return new Outcome(verdict, at);
            }
        }
        return new Outcome(verdict, at);
    }

    private Verdict judge(TrackRecording baseline, TrackRecording canary, double start, double end) {
        Map<String, int[]> groups = new LinkedHashMap<>();
        for (MetricSpec m : config.metrics()) {
            double[] b = aggregates(baseline, m, start, end);
            double[] c = aggregates(canary, m, start, end);
            int outcome = classify(m, b, c);
            if (outcome < 0 && m.critical()) {
                return Verdict.FAIL;
            }
            for (String g : m.groups()) {
                int[] counts = groups.computeIfAbsent(g, x -> new int[2]);
                counts[0] += outcome > 0 ? 1 : 0;
                counts[1] += outcome != 0 ? 1 : 0;
            }
        }
        double sum = 0;
        double weights = 0;
        for (var e : groups.entrySet()) {
            if (e.getValue()[1] > 0) {
                double w = config.weightOf(e.getKey());
                sum += w * e.getValue()[0] / e.getValue()[1];
                weights += w;
            }
        }
        double score = weights > 0 ? 100 * sum / weights : 0;
        return score >= config.pass() ? Verdict.PASS : score >= config.marginal() ? Verdict.MARGINAL : Verdict.FAIL;
    }

    /** 1 pass, -1 high/low, 0 no data: Kayenta's MannWhitneyClassifier rule. */
    private int classify(MetricSpec m, double[] b, double[] c) {
        if (b.length == 0 || c.length == 0) {
            return 0;
        }
        Arrays.sort(b);
        Arrays.sort(c);
        if (Arrays.equals(b, c)) {
            return 1;
        }
        double alpha = 1 - config.confidence();
        double estimate = HodgesLehmann.estimate(b, c);
        double[] ci = HodgesLehmann.interval(b, c, alpha);
        double band = config.tolerance() * Math.abs(estimate);
        boolean high = m.direction().watchesIncrease() && ci[0] > band;
        boolean low = m.direction().watchesDecrease() && ci[1] < -band;
        if ((high || low) && MANN_WHITNEY.test(c, b).getPValue() < alpha) {
            return -1;
        }
        return 1;
    }

    /** One value per whole step in [start, end). */
    private static double[] aggregates(TrackRecording r, MetricSpec m, double start, double end) {
        Source s = Source.of(m);
        int[] steps = r.steps(start, end);
        if (!s.perRequest) {
            // Kayenta removes missing points (NaN) before its test; live recordings have them (a missed scrape).
            return Arrays.stream(Arrays.copyOfRange(switch (s) {
                case CPU -> r.cpu();
                case HEAP -> r.heap();
                default -> r.restarts();
            }, steps[0], steps[1])).filter(v -> !Double.isNaN(v)).toArray();
        }
        double[] out = new double[steps[1] - steps[0]];
        for (int i = steps[0]; i < steps[1]; i++) {
            int[] range = r.range(i * r.stepSeconds(), (i + 1) * r.stepSeconds());
            double[] step = Arrays.copyOfRange(s == Source.LATENCY ? r.latency() : r.bytes(), range[0], range[1]);
            if (s == Source.ERRORS) {
                out[i - steps[0]] = range[1] > range[0] ? (double) r.errors(range).errors() / (range[1] - range[0]) : 0;
            } else if (step.length == 0) {
                out[i - steps[0]] = Double.NaN;
            } else if (m.test() == TestKind.QUANTILE) {
                Arrays.sort(step);
                out[i - steps[0]] = Stats.quantile(step, m.quantile());
            } else {
                out[i - steps[0]] = Arrays.stream(step).average().orElse(Double.NaN);
            }
        }
        return Arrays.stream(out).filter(v -> !Double.isNaN(v)).toArray();
    }
}
