package dev.canarylab.traffic.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MixFileTest {

    @Test
    void readsMethodPathHeadersBodyWeightAndSuccess() {
        List<Endpoint> mix = MixFile.parse("""
                requests:
                  - path: /orders
                    weight: 8
                  - name: place order
                    method: post
                    path: /orders
                    headers: {X-Tenant: acme}
                    body: {item: book, qty: 1}
                    weight: 2
                    success: [201, 409]
                  - path: /orders/none
                    success: 404
                """, "requests.yaml");

        assertThat(mix).hasSize(3);
        assertThat(mix.get(0)).isEqualTo(new Endpoint("GET", "/orders", 8));
        Endpoint post = mix.get(1);
        assertThat(post.name()).isEqualTo("place order");
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.headers()).isEqualTo(Map.of("X-Tenant", "acme", "Content-Type", "application/json"));
        assertThat(post.body()).isEqualTo("{\"item\":\"book\",\"qty\":1}");
        assertThat(post.success().matches(201)).isTrue();
        assertThat(post.success().matches(409)).isTrue();
        assertThat(post.success().matches(200)).isFalse();
        assertThat(mix.get(2).name()).isEqualTo("GET /orders/none");
        assertThat(mix.get(2).success().statuses()).containsExactly(404);
        assertThat(mix.get(2).weight()).isEqualTo(1);
    }

    @Test
    void jsonFilesReadTheSameAndAStringBodyIsSentAsWritten() {
        List<Endpoint> mix = MixFile.parse("""
                {"requests": [{"method": "PUT", "path": "/cart", "body": "qty=2",
                               "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "success": ["2xx"]}]}
                """, "requests.json");
        assertThat(mix.get(0).body()).isEqualTo("qty=2");
        assertThat(mix.get(0).headers()).containsOnlyKeys("Content-Type");
        assertThat(mix.get(0).success().statuses()).hasSize(100).startsWith(200).endsWith(299);
    }

    @Test
    void withoutSuccessTwoAndThreeHundredsAreSuccessAndTheRequestStaysPlain() {
        Endpoint e = MixFile.parse("requests: [{path: /a, weight: 3}]", "m.yaml").get(0);
        assertThat(e.plain()).isTrue();
        assertThat(e.spec()).isEqualTo("/a@3");
        assertThat(e.success().matches(302)).isTrue();
        assertThat(e.success().matches(404)).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "requests: [{path: /a, wieght: 2}]                 | m.yaml: request 1 (GET /a): unknown key 'wieght'",
        "requests: [{method: GET}]                         | m.yaml: request 1: needs 'path'",
        "requests: [{path: a}]                             | m.yaml: request 1 (GET a): endpoint path must start with '/'",
        "requests: [{path: /a}, {path: /b, weight: 0}]     | m.yaml: request 2 (GET /b): endpoint weight must be 1 or more",
        "requests: [{path: /a, weight: 1.5}]               | m.yaml: request 1 (GET /a): weight must be a whole number",
        "requests: [{path: /a, method: FETCH}]             | m.yaml: request 1 (FETCH /a): unknown HTTP method 'FETCH'",
        "requests: [{path: /a, success: [200, 99]}]        | m.yaml: request 1 (GET /a): success: '99' is not an HTTP status",
        "requests: [{path: /a, success: []}]               | m.yaml: request 1 (GET /a): success lists no status",
        "requests: [{path: /a, success: 6xx}]              | m.yaml: request 1 (GET /a): success: '6xx' is not an HTTP status",
        "requests: [{path: /a, headers: [Accept]}]         | m.yaml: request 1 (GET /a): headers must map names to values",
        "requests: [{path: /a, headers: {'Bad Name': x}}]  | m.yaml: request 1 (GET /a): header 'Bad Name' needs a token name",
        "requests: [{path: /a}, {path: /a, weight: 2}]     | m.yaml: request 2 (GET /a): the name is taken",
        "requests: []                                      | m.yaml: 'requests' is empty",
        "endpoints: [{path: /a}]                           | m.yaml: expected 'requests:'",
        "requests: [{path: /a}]\\nrps: 3                    | m.yaml: unknown key 'rps'",
        "requests: [/a]                                    | m.yaml: request 1: expected a mapping",
        "'requests: [{path: /a'                            | m.yaml: not valid YAML or JSON",
    })
    void aBadMixIsOneLineNamingTheFileAndTheRequest(String yaml, String message) {
        assertThatThrownBy(() -> MixFile.parse(yaml.replace("\\n", "\n"), "m.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> MixFile.load(java.nio.file.Path.of("/nonexistent/requests.yaml")))
                .hasMessage("/nonexistent/requests.yaml: no such request-mix file");
    }
}
