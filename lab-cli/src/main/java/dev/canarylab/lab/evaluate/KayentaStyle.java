package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Format;
import dev.canarylab.lab.analysis.HodgesLehmann;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The comparison point most teams run today: Kayenta's NetflixACAJudge as Spinnaker configures it. Every
 * metric is aggregated per step (10 s in the simulation: mean latency, p99 latency, error ratio, mean size, CPU,
 * heap, restarts), compared with Mann-Whitney at 98% confidence with the 25% tolerance band, no power guard and
 * no correction for repeated looks; each interval is judged on its own and a score below marginal stops
 * the canary. Same metrics, groups, weights and critical flags as the config under test.
 */
public final class KayentaStyle extends LookContender {

    public static final String JUDGE = "Kayenta";

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    private final CanaryConfig config;

    public KayentaStyle(CanaryConfig config) {
        super(config);
        this.config = config;
    }

    @Override
    public String name() {
        return "Kayenta-style";
    }

    @Override
    boolean readsSteps() {
        return true;
    }

    @Override
    public LookJudge start() {
        return new LookJudge() {
            private Verdict last = Verdict.PASS;
            private String stopped;

            @Override
            public ShadowVerdict look(LookSamples samples) {
                if (stopped != null) {
                    return new ShadowVerdict(JUDGE, Verdict.FAIL, true, stopped);
                }
                ShadowVerdict v = judge(samples);
                last = v.verdict();
                if (v.stops()) {
                    stopped = "rolled back at look " + samples.number() + ": " + v.reason();
                }
                return v;
            }

            @Override
            public Verdict end() {
                return last;
            }
        };
    }

    /** One interval on its own, as Kayenta judges it. */
    ShadowVerdict judge(LookSamples samples) {
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        int judged = 0;
        for (MetricSpec m : config.metrics()) {
            LookSamples.Steps s = samples.steps().get(m.name());
            int outcome = s == null ? 0 : classify(m, s.baseline().clone(), s.canary().clone());
            judged += outcome != 0 ? 1 : 0;
            if (outcome < 0) {
                failed.add(m.name() + (outcome == -1 ? " HIGH" : " LOW"));
                if (m.critical()) {
                    return new ShadowVerdict(JUDGE, Verdict.FAIL, true, "critical " + failed.get(failed.size() - 1)
                            + " (Mann-Whitney on " + steps(s) + ")");
                }
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
        Verdict v = score >= config.pass() ? Verdict.PASS : score >= config.marginal() ? Verdict.MARGINAL
                : Verdict.FAIL;
        String why = judged == 0 ? "no metric has data: score 0"
                : "score " + Format.number(Math.floor(score)) + (failed.isEmpty() ? ", every metric within its band"
                        : ": " + String.join(", ", failed)) + " on " + stepsOf(samples) + " per version";
        return new ShadowVerdict(JUDGE, v, v == Verdict.FAIL, why);
    }

    private static String steps(LookSamples.Steps s) {
        return s.canary().length + " steps";
    }

    private static String stepsOf(LookSamples samples) {
        int most = samples.steps().values().stream().mapToInt(s -> s.canary().length).max().orElse(0);
        return most == 1 ? "1 step" : most + " steps";
    }

    /** 1 pass, -1 high, -2 low, 0 no data: Kayenta's MannWhitneyClassifier rule. */
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
            return high ? -1 : -2;
        }
        return 1;
    }
}
