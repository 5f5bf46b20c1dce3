package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.workshop.ModulePage.Command;
import dev.canarylab.lab.workshop.ModulePage.WriteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's structure, without running anything: what issue 19 asks of every module, and the markup's parser. */
class WorkshopPagesTest {

    private static final List<String> IDS = List.of("splitting", "first-canary", "canary-config", "blue-green", "policies",
            "prometheus", "ci-gate", "kubernetes");

    @Test
    void theCourseHasTheEightModulesOfTheSpecInOrder() throws IOException {
        assertThat(WorkshopIT.modules()).extracting(p -> p.getFileName().toString().substring(3)).containsExactlyElementsOf(IDS);
        String course = Files.readString(WorkshopIT.WORKSHOP.resolve("README.md"));
        for (Path module : WorkshopIT.modules()) {
            assertThat(course).as("the schedule links %s", module.getFileName()).contains("(" + module.getFileName() + "/README.md)");
        }
    }

    @Test
    void everyModuleHasAGoalATimeStepsAChallengeASolutionAndTrainerNotes() throws IOException {
        for (Path module : WorkshopIT.modules()) {
            String page = Files.readString(module.resolve("README.md"));
            assertThat(page).as(module.toString()).contains("**Goal:**", "**Time:**", "## Steps", "## Challenge", "## Trainer notes");
            assertThat(page).as("%s: a time of 15 to 30 minutes", module).containsPattern("\\*\\*Time:\\*\\* (1[5-9]|2\\d|30) minutes");
            assertThat(module.resolve("solution/solution.md")).as(module.toString()).exists();
        }
    }

    @Test
    void everyModuleEndsItsChallengeWithLabCheckOfItsId() throws IOException {
        for (Path module : WorkshopIT.modules()) {
            String id = module.getFileName().toString().substring(3);
            assertThat(ModulePage.read(module.resolve("README.md")).steps()).as(module.toString())
                    .anyMatch(s -> s instanceof Command c && c.isLabCheck() && c.line().equals("lab check " + id));
        }
    }

    @Test
    void consoleBlocksGiveCommandsWithTheirOutputExitCodesAndSkips(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("README.md");
        Files.writeString(page, String.join("\n", "# A page", "", "```yaml file=quick.yaml", "strategy: canary", "```", "",
                "```console", "$ lab rollout v4 \\", "    --rps 100   # exit 1: rolled back", "ROLLBACK v4", "...",
                "$ lab up --runtime k3s   # not in CI: needs Docker", "```", "", "```yaml", "not: a file", "```", ""));
        List<ModulePage.Step> steps = ModulePage.read(page).steps();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).isEqualTo(new WriteFile("quick.yaml", "strategy: canary\n"));
        Command rollout = (Command) steps.get(1);
        assertThat(rollout.line()).isEqualTo("lab rollout v4 --rps 100");
        assertThat(rollout.exitCode()).isEqualTo(1);
        assertThat(rollout.expected().lines()).containsExactly("ROLLBACK v4");
        assertThat(((Command) steps.get(2)).skipReason()).isEqualTo("needs Docker");
    }
}
