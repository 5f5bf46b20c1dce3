package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.control.StateFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesCheckTest {

    @TempDir
    Path dir;

    private Check check(Attendee a, boolean docker) {
        return new KubernetesCheck(() -> docker).check(new Workshop(a.dir(), new StateFile(a.dir().resolve(".lab")),
                a.reports(), null));
    }

    @Test
    void aRolloutOnTheLocalRuntimeOnAMachineWithoutDockerSaysTheModuleNeedsDocker() {
        Check c = check(new Attendee(dir).report("config-v2-promoted"), false);

        assertThat(c.line()).startsWith("not yet: no rollout in ").contains("ran on k3s or kube; hint: this module"
                + " needs a Docker engine");
    }

    @Test
    void withDockerTheHintIsToStartTheLabOnK3s() {
        Check c = check(new Attendee(dir).report("config-v2-promoted"), true);

        assertThat(c.line()).endsWith("hint: 'lab down', 'lab up -d --runtime k3s', then 'lab rollout v2'");
    }

    @Test
    void aPromotedRolloutOnK3sIsDone() {
        // hand-made: no machine here runs Docker, so the real local report is relabelled as k3s's
        Attendee.Said said = new Attendee(dir).report("config-v2-promoted",
                json -> json.replace("\"runtime\" : \"local\"", "\"runtime\" : \"k3s\"")).check("kubernetes");

        assertThat(said.exit()).isZero();
        assertThat(said.out()).isEqualTo("done: v2 was promoted on the k3s runtime, judged on embedded router"
                + " telemetry (config-v2-promoted.json)");
    }
}
