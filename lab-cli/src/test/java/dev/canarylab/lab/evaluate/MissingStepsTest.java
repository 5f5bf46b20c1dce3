package dev.canarylab.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.CanaryConfig;
import dev.canarylab.lab.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** A live recording can miss a scrape (an instance too busy to answer): every contender still judges it. */
class MissingStepsTest {

    private static final CanaryConfig DEFAULTS = ConfigLoader.defaults();

    @Test
    void aStepWithoutCpuOrHeapIsJudgedByEveryContenderInsteadOfEndingTheRun() {
        TrackRecording baseline = SyntheticTraffic.baseline(1, 10, 180);
        TrackRecording canary = SyntheticTraffic.baseline(2, 10, 180);
        // A heap clearly above the baseline's takes Kayenta's classifier to its Mann-Whitney test, which refuses NaN.
        for (int step = 0; step < canary.heap().length; step++) {
            canary.heap()[step] += 150;
        }
        for (int step = 3; step < 7; step++) {
            canary.cpu()[step] = Double.NaN;
            canary.heap()[step] = Double.NaN;
            canary.restarts()[step] = Double.NaN;
        }
        baseline.cpu()[0] = Double.NaN;
        baseline.restarts()[0] = Double.NaN;
        for (Contender c : new Contender[] {new LabContender(DEFAULTS), new KayentaStyle(DEFAULTS),
            new FlaggerStyle(DEFAULTS), new ArgoStyle(DEFAULTS)}) {
            Outcome o = c.run(baseline, canary);
            assertThat(o.seconds()).as(c.name()).isPositive();
        }
    }
}
