package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Verdict;
import java.util.Locale;

/**
 * Flagger's built-in checks: every interval, the canary alone over the last interval must have a request
 * success rate of at least 99% and a p99 latency of at most 500 ms (request-success-rate and request-duration
 * with Flagger's documented thresholdRange); the canary is rolled back after {@value #THRESHOLD} failed checks
 * (the threshold of Flagger's tutorials). No baseline, no statistics. No requests in the interval fails the
 * check, as Flagger halts on "no values found".
 */
public final class FlaggerStyle extends LookContender {

    public static final String JUDGE = "Flagger";
    static final double MIN_SUCCESS_RATE = 0.99;
    static final double MAX_P99_MS = 500;
    static final int THRESHOLD = 5;

    public FlaggerStyle(CanaryConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "Flagger-style";
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
                String why = check(samples.last());
                if (why == null) {
                    return new ShadowVerdict(JUDGE, Verdict.PASS, false, passed(samples.last()));
                }
                failed++;
                if (failed >= THRESHOLD) {
                    stopped = "rolled back at look " + samples.number() + " after " + failed + " failed checks: " + why;
                    return new ShadowVerdict(JUDGE, Verdict.FAIL, true, why + "; " + failed + " failed checks: rollback");
                }
                return new ShadowVerdict(JUDGE, Verdict.FAIL, false, why + "; halt advancement, " + failed + " of "
                        + THRESHOLD + " failed checks");
            }

            @Override
            public Verdict end() {
                return stopped == null ? Verdict.PASS : Verdict.FAIL;
            }
        };
    }

    /** Why the check fails, or null when it passes. */
    static String check(LookSamples.Interval last) {
        if (last.requests() == 0) {
            return "no requests in the last interval";
        }
        if (last.successRate() < MIN_SUCCESS_RATE) {
            return "success rate " + pct(last.successRate()) + " < 99%";
        }
        if (Double.isNaN(last.p99Ms())) {
            return "no latency in the last interval";
        }
        if (last.p99Ms() > MAX_P99_MS) {
            return "p99 " + ms(last.p99Ms()) + " > 500 ms";
        }
        return null;
    }

    private static String passed(LookSamples.Interval last) {
        return "success rate " + pct(last.successRate()) + " >= 99%, p99 " + ms(last.p99Ms()) + " <= 500 ms";
    }

    static String pct(double rate) {
        double p = 100 * rate;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }
}
