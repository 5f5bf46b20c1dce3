package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The duration grammar agrees with the other modules': every module's copy of this test reads the same vectors,
 * docs/durations.tsv (input, nanoseconds or "refused", printed form).
 */
class DurationTextTest {

    static Stream<Arguments> vectors() throws IOException {
        return Files.readAllLines(Path.of("..", "docs", "durations.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", -1))
                .map(f -> Arguments.of(f[0].substring(1, f[0].length() - 1), f[1], f.length > 2 ? f[2] : null));
    }

    @ParameterizedTest(name = "''{0}'' -> {1} {2}")
    @MethodSource("vectors")
    void readsAndPrintsEachDurationAsTheSharedVectorsSay(String input, String nanos, String printed) {
        if (nanos.equals("refused")) {
            assertThat(DurationText.parse(input)).isEmpty();
            return;
        }
        Duration d = DurationText.parse(input).orElseThrow(() -> new AssertionError("refused '" + input + "'"));
        assertThat(d.toNanos()).isEqualTo(Long.parseLong(nanos));
        assertThat(DurationText.format(d)).isEqualTo(printed);
        assertThat(DurationText.parse(printed)).as("the printed form reads back").contains(d);
    }
}
