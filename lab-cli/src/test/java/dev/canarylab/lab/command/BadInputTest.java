package dev.canarylab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input a hostile or careless user gives {@code lab}: each case must end with its documented exit code and
 * one {@code lab: error:} line on stderr, never a stack trace. The cases live in {@code bad-inputs/*.yaml} (test
 * resources), one file per area; each case is
 * <pre>
 * - name: what is wrong
 *   args: [judge, --samples, "${DIR}/s.json"]   # ${DIR} is a fresh temporary folder
 *   exit: 2
 *   err: "lab: error: ${DIR}/s.json: ..."        # the start of stderr's first line
 *   files: {s.json: "..."}                       # written into ${DIR} first (optional)
 * </pre>
 */
class BadInputTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(BadInputTest.class.getResource("/bad-inputs").toURI());
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode c : YAML.readTree(file.toFile())) {
                    all.add(Arguments.of(file.getFileName() + ": " + c.path("name").asText(), c));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputEndsWithItsExitCodeAndOneErrorLine(String name, JsonNode c) throws IOException {
        String d = dir.toString();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue().asText().replace("${DIR}", d));
        }
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText().replace("${DIR}", d)));

        Run run = Run.lab(args.toArray(String[]::new));

        String firstLine = run.err().lines().findFirst().orElse("");
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(c.path("exit").asInt());
        assertThat(firstLine).as("stderr: %s", run.err()).startsWith(c.path("err").asText().replace("${DIR}", d));
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
