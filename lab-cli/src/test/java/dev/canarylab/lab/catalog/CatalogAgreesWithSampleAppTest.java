package dev.canarylab.lab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canarylab.lab.LabException;
import dev.canarylab.sample.SampleFlags;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.support.Colors;

/**
 * The catalogue takes a fault value exactly when sample-app's own parser does (its SampleOptions, run here on the
 * same flag and value), so that a version never fails at deploy on a value the catalogue let through.
 */
class CatalogAgreesWithSampleAppTest {

    static Stream<Arguments> values() {
        List<String> durations = List.of("250ms", "0", "1.5s", "2m", "1h", "10us", "0ms", " 250ms", "1m30s", "250",
                "--help", "-5s", "PT10S", "250MS", "1e3ms", "0.5", "5 s", "99999999999h", "", "1ns");
        List<String> fractions = List.of("0.05", "0", "1", "1e-2", "1d", ".5", "2", "-0.1", "NaN", "Infinity", "abc",
                "5%", "");
        List<String> sizes = List.of("64KiB", "0", "2MB", "512b", "1.5KiB", "64 KiB", "64", "-1KiB", "1TB",
                "99999999999GiB", "--leak");
        List<String> counts = List.of("1000", "0", "+5", "010", "-5", "1.5", "1e3", "18446744073709551617", "abc");
        List<String> exitCodes = List.of("1", "2", "255", "0", "256", "-1", "4294967298", "2.0");
        List<String> booleans = List.of("true", "false", "TRUE", "yes", "1", "--help", "");
        Stream.Builder<Arguments> all = Stream.builder();
        for (String f : List.of("latency", "latency-jitter", "cpu-burn", "crash-after", "slow-start")) {
            durations.forEach(v -> all.add(Arguments.of(f, v)));
        }
        for (String f : List.of("latency-ratio", "error-rate")) {
            fractions.forEach(v -> all.add(Arguments.of(f, v)));
        }
        for (String f : List.of("payload-bloat", "leak", "leak-cap")) {
            sizes.forEach(v -> all.add(Arguments.of(f, v)));
        }
        counts.forEach(v -> all.add(Arguments.of("crash-after-requests", v)));
        exitCodes.forEach(v -> all.add(Arguments.of("crash-exit-code", v)));
        for (String f : List.of("unready", "unhealthy")) {
            booleans.forEach(v -> all.add(Arguments.of(f, v)));
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @MethodSource("values")
    void theCatalogueTakesAFaultValueExactlyWhenSampleAppDoes(String flag, String value) {
        String sampleApp = SampleFlags.refusal("--instance-id", "test", "--" + flag, value);
        Throwable lab = catchThrowable(() -> CatalogLoader.parse("versions:\n  v1:\n    color: blue\n    faults:\n"
                + "      " + flag + ": '" + value + "'\n", "lab.yaml"));

        if (sampleApp == null) {
            assertThat(lab).as("sample-app takes it").isNull();
        } else {
            assertThat(lab).as("sample-app refuses it: %s", sampleApp).isInstanceOf(LabException.class)
                    .hasMessageStartingWith("lab.yaml: version 'v1': faults." + flag + " must be ");
        }
    }

    @Test
    void everyFaultFlagOfTheCatalogueIsOneSampleAppKnows() {
        for (String flag : FaultValues.flags()) {
            assertThat(String.valueOf(SampleFlags.refusal("--instance-id", "test", "--" + flag, "0"))).as(flag)
                    .doesNotContain("Unknown option");
        }
    }

    @Test
    void theColourNamesAreCssNamesAsSeleniumKnowsThem() {
        Set<String> css = Arrays.stream(Colors.values()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .filter(n -> !n.equals("transparent")).collect(Collectors.toSet());
        assertThat(Colours.names()).containsExactlyInAnyOrderElementsOf(css);
    }
}
