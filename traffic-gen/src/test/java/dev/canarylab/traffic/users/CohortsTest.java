package dev.canarylab.traffic.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which users send the header and the cookie: the asked share of any stretch of users, the same for a seed. */
class CohortsTest {

    @ParameterizedTest(name = "share {0}")
    @ValueSource(doubles = {0.05, 0.2, 0.5, 0.9})
    void everyFiftyConsecutiveUsersHoldTheShareToWithinTwoUsers(double share) {
        Cohorts cohorts = new Cohorts(share, share, 7);
        for (long first = 0; first < 5_000; first += 50) {
            long from = first;
            long headers = LongStream.range(from, from + 50).filter(cohorts::header).count();
            long cookies = LongStream.range(from, from + 50).filter(cohorts::cookie).count();
            assertThat((double) headers).as("header users %d..%d", from, from + 49).isCloseTo(50 * share, within(2));
            assertThat((double) cookies).as("cookie users %d..%d", from, from + 49).isCloseTo(50 * share, within(2));
        }
    }

    @Test
    void theHeaderAndCookieSharesPickDifferentUsers() {
        Cohorts cohorts = new Cohorts(0.2, 0.3, 1);
        long both = LongStream.range(0, 10_000).filter(u -> cohorts.header(u) && cohorts.cookie(u)).count();
        // independent shares overlap on 0.2 x 0.3 = 6% of users; "every fifth user" for both would give 20%
        assertThat(both / 10_000.0).isCloseTo(0.06, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void theSeedPicksTheUsersAndTheSameSeedPicksTheSameOnes() {
        String a = pattern(new Cohorts(0.3, 1, 1));
        assertThat(pattern(new Cohorts(0.3, 1, 1))).isEqualTo(a);
        assertThat(pattern(new Cohorts(0.3, 1, 2))).isNotEqualTo(a);
    }

    @Test
    void aWholeShareIsEveryUser() {
        Cohorts cohorts = new Cohorts(1, 1, 3);
        assertThat(LongStream.range(0, 1000).allMatch(u -> cohorts.header(u) && cohorts.cookie(u))).isTrue();
    }

    private static String pattern(Cohorts c) {
        StringBuilder s = new StringBuilder();
        for (long u = 0; u < 40; u++) {
            s.append(c.header(u) ? 'H' : '.');
        }
        return s.toString();
    }

    private static org.assertj.core.data.Offset<Double> within(double users) {
        return org.assertj.core.data.Offset.offset(users);
    }
}
