package dev.canarylab.lab.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped dashboards are Grafana JSON that provisioning can load; PrometheusIT runs their queries. */
class DashboardsTest {

    @Test
    void bothDashboardsShip() {
        assertThat(Dashboards.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("canary-overview.json", "sample-app.json");
    }

    @Test
    void dashboardsAreValidGrafanaJsonWithUniquePanelIdsAndTheProvisionedDatasource() {
        JsonNode ds = Dashboards.provisioning("datasources/prometheus.yaml").path("datasources").get(0);
        String uid = ds.path("uid").asText();
        assertThat(uid).isNotBlank();
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        Set<String> uids = new HashSet<>();
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            assertThat(d.path("schemaVersion").asInt()).as(f + " schemaVersion").isBetween(36, 41);
            assertThat(d.path("title").asText()).as(f + " title").isNotBlank();
            assertThat(uids.add(d.path("uid").asText())).as(f + " uid unique and present").isTrue();
            assertThat(d.path("uid").asText()).hasSizeBetween(1, 40);
            assertThat(d.path("panels").size()).as(f + " panels").isPositive();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(ids.add(p.path("id").asInt(-1))).as(f + " panel id " + p.path("id") + " unique").isTrue();
                assertThat(p.path("gridPos").has("w") && p.path("gridPos").has("h")).as(f + " gridPos").isTrue();
                assertThat(p.path("datasource").path("uid").asText()).as(f + " panel " + p.path("title")).isEqualTo(uid);
                assertThat(p.path("targets").size()).as(f + " panel " + p.path("title") + " targets").isPositive();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("expr").asText()).as(f + " panel " + p.path("title")).isNotBlank();
                    assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.has("datasource")) {
                    assertThat(v.path("datasource").path("uid").asText()).isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void everyVariableADashboardUsesIsSubstitutedForTheQueryTest() {
        for (Dashboards.Expr e : Dashboards.expressions()) {
            assertThat(e.promql()).as(e.where()).doesNotContain("$");
        }
    }

    @Test
    void theDashboardProviderLoadsAFolderOfJsonFiles() {
        JsonNode p = Dashboards.provisioning("dashboards/canary-lab.yaml").path("providers").get(0);
        assertThat(p.path("type").asText()).isEqualTo("file");
        assertThat(p.path("options").path("path").asText()).startsWith("/");
    }
}
