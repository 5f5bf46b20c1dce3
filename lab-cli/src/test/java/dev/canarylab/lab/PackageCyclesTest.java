package dev.canarylab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No two packages of lab-cli use each other, directly or around a loop: each package can be read, tested and
 * changed knowing only the packages below it.
 */
class PackageCyclesTest {

    /**
     * The root package is left out: {@link Lab}, the entry point, names every command, and every package uses
     * {@link ExitCodes} and {@link LabException} from it.
     */
    private static Map<String, Set<String>> graph() throws URISyntaxException {
        Path classes = Path.of(LabException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> edges = new TreeMap<>(PackageGraph.of(classes));
        edges.remove("");
        edges.values().forEach(to -> to.remove(""));
        return edges;
    }

    @Test
    void noPackageOfLabCliIsInACycle() throws Exception {
        Map<String, Set<String>> edges = graph();

        assertThat(edges).containsKeys("command", "runtime", "metrics", "control", "config", "rollout");
        List<Set<String>> cycles = PackageGraph.cycles(edges);
        assertThat(cycles).as("package cycles %s in %s", cycles, edges).isEmpty();
    }

    @Test
    void theCheckFindsACycleAroundALoopOfThreePackagesAndNotASharedDependency() {
        Map<String, Set<String>> edges = Map.of(
                "a", Set.of("b", "shared"), "b", Set.of("c", "shared"), "c", Set.of("a"), "shared", Set.of(),
                "d", Set.of("shared"));

        assertThat(PackageGraph.cycles(edges)).containsExactly(Set.of("a", "b", "c"));
    }
}
