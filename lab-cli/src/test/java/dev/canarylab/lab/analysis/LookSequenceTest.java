package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The power guard's view of a sequence of looks. Reference values: the multivariate normal CDF of scipy 1.17,
 * in {@code src/test/resources/reference/look_sequence_power.py} (independent of the recursion under test).
 */
class LookSequenceTest {

    @Test
    void twoLooksDetectMoreThanTheLastOneAlone() {
        LookSequence looks = new LookSequence(new double[] {0.5, 1}, new double[] {0.01, 0.01});
        assertThat(looks.power(3, false)).isCloseTo(0.7691777266875209, within(2e-3));
        assertThat(looks.detectableDrift(0.8, false)).isCloseTo(3.107363546088258, within(1e-2));
        // The last look alone, at 0.01: z 2.326 + 0.842 = 3.168.
        assertThat(looks.detectableDrift(0.8, false)).isLessThan(3.168);
    }

    @Test
    void threeTwoSidedLooksAtSpentLevels() {
        LookSequence looks = new LookSequence(new double[] {1.0 / 3, 2.0 / 3, 1},
                new double[] {0.005, 0.004, 0.003});
        assertThat(looks.detectableDrift(0.8, true)).isCloseTo(3.7201667200873314, within(1e-2));
    }

    @Test
    void aSingleLookIsOneTestAtItsLevel() {
        assertThat(LookSequence.single(0.02).detectableDrift(0.8, false))
                .isCloseTo(2.8953701442047373, within(1e-9));
    }

    @Test
    void theSequenceDetectsLessThanOneTestAtTheWholeBudget() {
        // Eighteen looks spending 0.02 in all (Pocock type): a pass must need more than one test at 0.02 would.
        double[] information = new double[18];
        double[] levels = new double[18];
        double spent = 0;
        for (int k = 1; k <= 18; k++) {
            information[k - 1] = k / 18.0;
            double target = AlphaSpending.spendingFunction(0.02, k / 18.0);
            levels[k - 1] = target - spent;
            spent = target;
        }
        double drift = new LookSequence(information, levels).detectableDrift(0.8, true);
        assertThat(drift).isGreaterThan(LookSequence.single(0.02).detectableDrift(0.8, true));
        assertThat(drift).isLessThan(LookSequence.single(levels[17]).detectableDrift(0.8, true));
    }

    @Test
    void lookWithoutASequenceIsJudgedAtTheWholeBudget() {
        assertThat(Look.single(0.98).detectableDrift(0.8, false)).isCloseTo(2.8953701442047373, within(1e-9));
    }
}
