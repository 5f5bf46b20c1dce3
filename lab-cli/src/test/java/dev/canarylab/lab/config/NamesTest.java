package dev.canarylab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static final List<String> CONFIG = List.of("latency", "tail-latency", "errors", "payload-size", "cpu",
            "heap", "restarts");

    @Test
    void aTypoFindsTheNameItMeant() {
        assertThat(Names.nearest("latncy", CONFIG)).contains("latency");
        assertThat(Names.nearest("erors", CONFIG)).contains("errors");
        assertThat(Names.nearest("payload_size", CONFIG)).contains("payload-size");
        assertThat(Names.nearest("Restarts", CONFIG)).contains("restarts");
    }

    @Test
    void aDifferentNameIsNotTakenForATypo() {
        assertThat(Names.nearest("gpu-temperature", CONFIG)).isEmpty();
        assertThat(Names.nearest("io", CONFIG)).isEmpty();
        assertThat(Names.nearest("latency", CONFIG)).as("the name itself is no typo").isEmpty();
        assertThat(Names.nearest("x", List.of())).isEmpty();
    }

    @Test
    void distanceCountsEdits() {
        // Levenshtein's classic example: kitten -> sitting is 3 edits.
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Names.distance("", "abc")).isEqualTo(3);
        assertThat(Names.distance("heap", "heap")).isZero();
    }
}
