package dev.canarylab.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlphaSpendingTest {

    @Test
    void pocockTypeSpendingFunction() {
        // alpha ln(1 + (e - 1) t) at t = 0.5 with alpha 0.02: 0.02 * ln(1.859141) = 0.0124023 (numpy).
        assertThat(AlphaSpending.spendingFunction(0.02, 0.5)).isCloseTo(0.01240229013916555, within(1e-15));
        assertThat(AlphaSpending.spendingFunction(0.02, 1)).isCloseTo(0.02, within(1e-15));
        assertThat(AlphaSpending.spendingFunction(0.02, 0)).isZero();
    }

    @Test
    void looksNeverSpendMoreThanTheBudget() {
        AlphaSpending spending = new AlphaSpending(0.02, 180);
        double total = 0;
        for (int k = 1; k <= 18; k++) {
            Look look = spending.look(10 * k);
            assertThat(look.alpha()).isPositive();
            total += look.alpha();
        }
        assertThat(total).isCloseTo(0.02, within(1e-12));
        assertThat(spending.look(200).alpha()).isZero();
    }

    @Test
    void earlyLooksGetMoreThanAnEvenShare() {
        AlphaSpending spending = new AlphaSpending(0.02, 180);
        double first = spending.look(10).alpha();
        assertThat(first).isGreaterThan(0.02 / 18);
    }

    @Test
    void extendingTheLifetimeSpreadsOnlyWhatIsLeft() {
        AlphaSpending spending = new AlphaSpending(0.02, 60);
        double total = 0;
        for (int k = 1; k <= 3; k++) {
            total += spending.look(10 * k).alpha();
        }
        spending.extend(30, 120);
        for (int k = 4; k <= 12; k++) {
            double a = spending.look(10 * k).alpha();
            assertThat(a).isPositive();
            total += a;
        }
        assertThat(total).isCloseTo(0.02, within(1e-12));
    }
}
