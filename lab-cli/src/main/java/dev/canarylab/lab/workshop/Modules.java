package dev.canarylab.lab.workshop;

import dev.canarylab.lab.LabException;
import java.util.List;
import java.util.stream.Collectors;

/** The workshop's modules in course order (docs/workshop/NN-ID). */
public final class Modules {

    private static final List<ModuleCheck> ALL = List.of(new SplittingCheck(), new FirstCanaryCheck(),
            new CanaryConfigCheck(), new BlueGreenCheck(), new PoliciesCheck(), new PrometheusCheck(),
            new CiGateCheck(), new KubernetesCheck());

    private Modules() {
    }

    public static List<ModuleCheck> all() {
        return ALL;
    }

    /** The module with this id; an unknown id is bad input that names the ids. */
    public static ModuleCheck find(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> LabException.badInput(
                "unknown module '" + id + "'; the modules are " + ALL.stream().map(ModuleCheck::id)
                        .collect(Collectors.joining(", "))));
    }
}
