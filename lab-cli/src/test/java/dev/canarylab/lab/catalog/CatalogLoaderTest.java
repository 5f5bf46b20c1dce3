package dev.canarylab.lab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    @Test
    void theRepositoryCatalogueHasTheSixStoryVersionsWithV1Stable() {
        Catalog c = CatalogLoader.load(Path.of("../lab.yaml"));
        assertThat(c.stable()).isEqualTo("v1");
        assertThat(c.versions()).containsOnlyKeys("v1", "v2", "v3", "v4", "v5", "v6", "v7");
        assertThat(c.version("v1").color()).isEqualTo("blue");
        assertThat(c.version("v1").faultArgs()).isEmpty();
        assertThat(c.version("v3").faultArgs()).containsExactly("--latency", "250ms", "--latency-ratio", "0.3");
        assertThat(c.version("v4").faultArgs()).containsExactly("--error-rate", "0.05");
        assertThat(c.version("v6").faultArgs()).contains("--crash-after");
        assertThat(c.versions().values()).allSatisfy(v -> assertThat(v.story()).isNotBlank());
    }

    @Test
    void anUnknownVersionNamesTheKnownOnes() {
        Catalog c = CatalogLoader.parse("versions: {v1: {color: blue}, v2: {color: green}}", "lab.yaml");
        assertThat(c.stable()).as("the first version is stable by default").isEqualTo("v1");
        assertThatThrownBy(() -> c.version("v9")).isInstanceOf(LabException.class)
                .hasMessage("unknown version 'v9'; the catalogue has v1, v2")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMisspelledFaultIsRefusedAtLoadNotAtStart() {
        assertThatThrownBy(() -> CatalogLoader.parse("versions: {v1: {color: blue, faults: {eror-rate: 0.1}}}", "lab.yaml"))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("lab.yaml: version 'v1': unknown fault 'eror-rate'; sample-app knows ")
                .hasMessageContaining("error-rate");
    }

    @Test
    void badValuesAndShapesAreOneLine() {
        assertThatThrownBy(() -> CatalogLoader.parse("versions: {v1: {color: 'red;x'}}", "f"))
                .hasMessageContaining("color must be a CSS colour");
        assertThatThrownBy(() -> CatalogLoader.parse("versions: {v1: {color: red, faults: {latency: '1s --unready'}}}", "f"))
                .hasMessage("f: version 'v1': faults.latency must be a duration such as 250ms, 1.5s or 1m30s (units:"
                        + " us, ms, s, m, h; 0 alone), got '1s --unready'");
        assertThatThrownBy(() -> CatalogLoader.parse("stable: v2\nversions: {v1: {color: red}}", "f"))
                .hasMessageContaining("stable version 'v2' is not among its versions v1");
        assertThatThrownBy(() -> CatalogLoader.parse("versions: [v1]", "f")).hasMessageContaining("'versions' must map");
        assertThatThrownBy(() -> CatalogLoader.parse("versions: {v1: {colour: red}}", "f")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> CatalogLoader.parse("versions: {v1: {color: red}", "f")).hasMessageStartingWith("f is not valid YAML");
        assertThatThrownBy(() -> CatalogLoader.load(Path.of("no-such-lab.yaml")))
                .hasMessageContaining("no version catalogue at no-such-lab.yaml");
    }
}
