package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.ArgoStyle;
import dev.canarylab.lab.evaluate.FlaggerStyle;
import dev.canarylab.lab.evaluate.KayentaStyle;
import dev.canarylab.lab.evaluate.LookJudge;
import dev.canarylab.lab.evaluate.LookSamples;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import java.util.List;

/**
 * How Kayenta, Flagger and Argo Rollouts would judge the looks of one analysis: the contenders of {@code lab
 * evaluate}, fed a live look's samples. A pure function of the looks it is given, in order: a replay of a recorded
 * report makes a new one per analysis and judges every recorded look's {@link LookSamples} again.
 */
public final class ShadowJudges {

    private final List<LookJudge> judges;

    /** @param config the canary config with the analysis's own plan (its interval and lifetime) */
    public ShadowJudges(CanaryConfig config) {
        judges = List.of(new KayentaStyle(config).start(), new FlaggerStyle(config).start(),
                new ArgoStyle(config).start());
    }

    /** The next look of the analysis: Kayenta's, Flagger's and Argo's verdicts, in that order. */
    public List<ShadowVerdict> judge(LookSamples look) {
        return judges.stream().map(j -> j.look(look)).toList();
    }

    /**
     * Whether a shadow verdict is worth telling beside the lab's verdict of the same look: one passes where the
     * other alarms; the shadow judge stops the canary at this look while the lab does not alarm; or, at the
     * analysis's last look, they end on different kinds of verdict (a pass against no verdict, say). A judge that
     * stopped at an earlier look is told again only at the last look.
     *
     * @param stoppedBefore the judge had stopped at an earlier look
     */
    public static boolean disagrees(ShadowVerdict shadow, Verdict lab, boolean lastLook, boolean stoppedBefore) {
        if (lab == null) {
            return false;
        }
        boolean labAlarms = lab == Verdict.FAIL || lab == Verdict.MARGINAL;
        if (lastLook) {
            return kind(shadow.verdict()) != kind(lab);
        }
        if (stoppedBefore) {
            return false;
        }
        return shadow.passes() && labAlarms || shadow.alarms() && lab == Verdict.PASS || shadow.stops() && !labAlarms;
    }

    /** 1 pass, -1 alarm, 0 no verdict. */
    private static int kind(Verdict v) {
        return v == Verdict.PASS ? 1 : v == Verdict.FAIL || v == Verdict.MARGINAL ? -1 : 0;
    }
}
