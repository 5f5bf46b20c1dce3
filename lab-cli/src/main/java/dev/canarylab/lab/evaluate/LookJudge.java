package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.Verdict;

/**
 * One analysis of a look-by-look contender: fed every look's samples in order, it keeps what its rules count
 * across looks (Flagger's failed checks, Argo's failed measurements). A new analysis needs a new one.
 */
public interface LookJudge {

    ShadowVerdict look(LookSamples samples);

    /** The verdict if the analysis ended after the looks so far: FAIL once it stopped. */
    Verdict end();
}
