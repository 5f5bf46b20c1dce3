package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Verdict;

/**
 * Argo Rollouts' documented threshold analysis: the {@code success-rate} AnalysisTemplate of Argo's analysis
 * guide, measured every interval over the last interval on the canary alone, {@code successCondition: result[0]
 * >= 0.95} and {@code failureLimit: 3}: the AnalysisRun fails when more than three measurements failed. No
 * baseline, no latency. No requests makes the ratio NaN, which fails the condition.
 */
public final class ArgoStyle extends LookContender {

    public static final String JUDGE = "Argo";
    static final double MIN_SUCCESS_RATE = 0.95;
    static final int FAILURE_LIMIT = 3;

    public ArgoStyle(CanaryConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "Argo-style";
    }

    @Override
    boolean readsSteps() {
        return false;
    }

    @Override
    public LookJudge start() {
        return new LookJudge() {
            private int failed;
            private String stopped;

            @Override
            public ShadowVerdict look(LookSamples samples) {
                if (stopped != null) {
                    return new ShadowVerdict(JUDGE, Verdict.FAIL, true, stopped);
                }
                double rate = samples.last().successRate();
                if (rate >= MIN_SUCCESS_RATE) {
                    return new ShadowVerdict(JUDGE, Verdict.PASS, false, "success rate " + FlaggerStyle.pct(rate)
                            + " >= 95%");
                }
                failed++;
                String why = Double.isNaN(rate) ? "no requests: result[0] is NaN, not >= 0.95"
                        : "success rate " + FlaggerStyle.pct(rate) + " < 95%";
                if (failed > FAILURE_LIMIT) {
                    stopped = "AnalysisRun failed at look " + samples.number() + ": " + why;
                    return new ShadowVerdict(JUDGE, Verdict.FAIL, true, why + "; " + failed
                            + " failed measurements > failureLimit " + FAILURE_LIMIT + ": AnalysisRun failed");
                }
                return new ShadowVerdict(JUDGE, Verdict.FAIL, false, why + "; " + failed + " failed measurement"
                        + (failed == 1 ? "" : "s") + ", failureLimit " + FAILURE_LIMIT);
            }

            @Override
            public Verdict end() {
                return stopped == null ? Verdict.PASS : Verdict.FAIL;
            }
        };
    }
}
