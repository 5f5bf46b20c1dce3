package dev.canarylab.traffic.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RequestMixTest {

    private static final List<Endpoint> DEFAULT = List.of(Endpoint.parse("/api/stories@8"), Endpoint.parse("/api/color@2"));

    @Test
    void sameSeedSendsTheSameSequence() {
        RequestMix a = new RequestMix(DEFAULT, 42);
        RequestMix b = new RequestMix(DEFAULT, 42);
        RequestMix c = new RequestMix(DEFAULT, 43);
        int[] seqA = LongStream.range(0, 1000).mapToInt(a::pick).toArray();
        assertThat(LongStream.range(0, 1000).mapToInt(b::pick).toArray()).isEqualTo(seqA);
        assertThat(LongStream.range(0, 1000).mapToInt(c::pick).toArray()).isNotEqualTo(seqA);
    }

    @Test
    void sharesFollowTheWeights() {
        RequestMix mix = new RequestMix(List.of(Endpoint.parse("/a@6"), Endpoint.parse("/b@3"), Endpoint.parse("/c@1")), 7);
        int n = 100_000;
        long[] counts = new long[3];
        for (long i = 0; i < n; i++) {
            counts[mix.pick(i)]++;
        }
        // Binomial standard deviation at n = 100k is at most 0.16 percentage points; allow about 4 of them.
        assertThat(counts[0] / (double) n).isBetween(0.594, 0.606);
        assertThat(counts[1] / (double) n).isBetween(0.294, 0.306);
        assertThat(counts[2] / (double) n).isBetween(0.096, 0.104);
        assertThat(mix.share(0)).isEqualTo(0.6);
    }

    @Test
    void endpointSpecsReadMethodPathAndWeight() {
        assertThat(Endpoint.parse("/api/stories@8")).isEqualTo(new Endpoint("GET", "/api/stories", 8));
        assertThat(Endpoint.parse("head /api/color")).isEqualTo(new Endpoint("HEAD", "/api/color", 1));
        assertThat(Endpoint.parse("/search?q=canary&page=2@3")).isEqualTo(new Endpoint("GET", "/search?q=canary&page=2", 3));
        assertThat(Endpoint.parse("POST /api/orders@2").name()).isEqualTo("POST /api/orders");
        assertThat(Endpoint.parse("DELETE /x@4").spec()).isEqualTo("DELETE /x@4");
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> Endpoint.parse("api/stories")).hasMessageContaining("is not an endpoint");
        assertThatThrownBy(() -> Endpoint.parse("/api@0")).hasMessageContaining("weight must be 1 or more");
        assertThatThrownBy(() -> Endpoint.parse("FETCH /api")).hasMessageContaining("unknown HTTP method");
        assertThatThrownBy(() -> new RequestMix(List.of(Endpoint.parse("/a@1"), Endpoint.parse("/a@2")), 1))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new RequestMix(List.of(), 1)).hasMessageContaining("at least one endpoint");
    }
}
