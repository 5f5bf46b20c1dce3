package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.Verdict;

/**
 * What one look-by-look contender (Kayenta-style, Flagger-style, Argo-style) says at one look.
 *
 * @param judge   "Kayenta", "Flagger" or "Argo"
 * @param verdict this look's verdict: PASS, MARGINAL (Kayenta only) or FAIL; a judge that stopped at an earlier
 *                look stays FAIL
 * @param stops   the judge would have rolled back by this look (its analysis failed)
 * @param reason  one line with the figures and the rule that decided
 */
public record ShadowVerdict(String judge, Verdict verdict, boolean stops, String reason) {

    /** PASS: the judge would let the canary go on. */
    public boolean passes() {
        return verdict == Verdict.PASS;
    }

    /** FAIL or MARGINAL: the judge raised an alarm at this look. */
    public boolean alarms() {
        return verdict == Verdict.FAIL || verdict == Verdict.MARGINAL;
    }

    /** "Flagger: PASS (success rate 100% >= 99%, p99 262 ms <= 500 ms)". */
    public String line() {
        return judge + ": " + verdict + " (" + reason + ")";
    }
}
