package dev.canarylab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canarylab.lab.rollout.JudgedWith;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report says which config judged a rollout and where it ran, for {@code lab check}. */
class RolloutJsonJudgedWithTest {

    @Test
    void theConfigItsHashAndTheRuntimeReadBackAsWritten() {
        JudgedWith with = new JudgedWith("my-canary.yaml", "ab".repeat(32), "k3s");
        RolloutRecord record = RolloutFixtures.slowRelease().judgedWith(with);

        RolloutRecord back = RolloutJson.read(RolloutJson.render(record));

        assertThat(back.judgedWith()).isEqualTo(with);
    }

    @Test
    void aReportWrittenBeforeTheFieldsExistedSaysNothingOfThem() throws IOException {
        ObjectNode tree = RolloutJson.tree(RolloutFixtures.happyPath());
        tree.remove("config");
        tree.remove("configSha256");
        tree.remove("runtime");

        RolloutRecord back = RolloutJson.read(new ObjectMapper().writeValueAsString(tree));

        assertThat(back.judgedWith()).isEqualTo(JudgedWith.UNKNOWN);
    }

    @Test
    void theHashIsTheSha256OfTheFilesBytes() throws URISyntaxException {
        Path config = Path.of(getClass().getResource("/workshop/my-canary.yaml").toURI());

        // reference: `sha256sum lab-cli/src/test/resources/workshop/my-canary.yaml`
        assertThat(JudgedWith.of(config, "local")).isEqualTo(new JudgedWith(config.toString(),
                "ec3d7984ef20d23e2c37e05b513b832187a0a355434e255f48be8c394b5a1329", "local"));
        assertThat(JudgedWith.of(null, "local")).isEqualTo(new JudgedWith(null, null, "local"));
    }
}
