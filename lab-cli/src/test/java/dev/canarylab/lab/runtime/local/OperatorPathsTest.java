package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/admin/faults", "/admin", "/admin/", "//admin/faults", "/ADMIN/faults", "/Admin/Faults",
            "/admin;x=1/faults", "/./admin/faults", "/metrics", "/metrics/", "/METRICS", "/version", "/version/",
            "/version;v=1", "/../admin/faults", "/ admin/faults"})
    void anInstancesOperatorEndpointsInAnySpellingAreOperatorPaths(String path) {
        assertThat(OperatorPaths.matches(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/api/color", "/api/stories", "/api/admin", "/administrator", "/metricsx",
            "/versions", "/health/ready", "/index.html"})
    void everythingElseIsForUsers(String path) {
        assertThat(OperatorPaths.matches(path)).isFalse();
    }
}
