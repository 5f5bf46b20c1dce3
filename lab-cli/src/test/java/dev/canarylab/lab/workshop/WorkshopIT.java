package dev.canarylab.lab.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.canarylab.lab.workshop.ModulePage.Command;
import dev.canarylab.lab.workshop.ModulePage.Step;
import dev.canarylab.lab.workshop.ModulePage.WriteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs that do not rot: every module of docs/workshop/ is played as an attendee would, in order, in one workshop
 * folder, on the local runtime. For each module: the page's commands and files in page order (markup in
 * {@link ModulePage}, output rules in {@link ExpectedOutput}), then the challenge's solution (the files of
 * {@code solution/} but {@code solution.md} copied into the folder, then the commands of {@code solution.md}), then
 * {@code lab check ID}, which must say "done". Commands marked {@code # not in CI} are skipped (the kubernetes
 * module's need Docker and a network to pull images).
 *
 * <p>{@code lab check} lines run only when {@code lab --help} lists {@code check} (the command arrives with issue
 * 19's item 2); until then they are skipped and the test prints so. Modules share one lab where the pages do
 * (module 01 starts it, 02 to 05 keep it, 06 restarts it with Prometheus, 07 runs {@code lab test}'s own). Each
 * module prints its wall time. {@code -Dworkshop.modules=01,02} plays only the modules whose folder starts so (in
 * order, in one folder: a later module may need what an earlier one left, as an attendee's would).
 */
class WorkshopIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path WORKSHOP = REPO.resolve("docs/workshop");

    @TempDir
    static Path tmp;

    private static WorkshopShell shell;
    private static boolean labCheckExists;

    @BeforeAll
    static void attendeeFolder() throws Exception {
        shell = new WorkshopShell(Files.createDirectories(tmp.resolve("my-workshop")), REPO);
        // Not "lab check --help": picocli answers an unknown subcommand followed by --help with the main help, exit 0.
        labCheckExists = shell.run("lab --help").output().lines().anyMatch(l -> l.matches("\\s+check\\s.*"));
        if (!labCheckExists) {
            System.out.println("workshop: 'lab check' is not available: the pages' lab check lines are skipped");
        }
    }

    @AfterAll
    static void stopTheLab() throws Exception {
        shell.run("lab down");
    }

    @TestFactory
    Stream<DynamicTest> everyModuleRunsAsItsPageSays() throws IOException {
        List<String> only = List.of(System.getProperty("workshop.modules", "").split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return modules().stream()
                .filter(dir -> only.isEmpty() || only.stream().anyMatch(n -> dir.getFileName().toString().startsWith(n)))
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> play(dir)));
    }

    static List<Path> modules() throws IOException {
        try (Stream<Path> s = Files.list(WORKSHOP)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d\\d-[a-z-]+") && Files.isDirectory(p)).sorted().toList();
        }
    }

    private static void play(Path module) throws Exception {
        long start = System.nanoTime();
        ModulePage page = ModulePage.read(module.resolve("README.md"));
        ModulePage solution = ModulePage.read(module.resolve("solution/solution.md"));
        List<Command> checks = new ArrayList<>();
        runSteps(page, checks);
        copySolutionFiles(module.resolve("solution"));
        runSteps(solution, checks);
        if (labCheckExists) {
            for (Command check : checks) {
                WorkshopShell.Result r = shell.run(check.line());
                assertThat(r.output()).as("%s: %s after the solution", module.getFileName(), check.line()).startsWith("done");
                verify(page, check, r);
            }
        }
        System.out.printf("workshop: module %s took %d s%n", module.getFileName(), (System.nanoTime() - start) / 1_000_000_000L);
    }

    /** Runs the steps in order; lab check lines are kept for after the solution, when the module is done. */
    private static void runSteps(ModulePage page, List<Command> checks) throws Exception {
        for (Step step : page.steps()) {
            if (step instanceof WriteFile f) {
                Files.writeString(shell.folder().resolve(f.name()), f.content());
            } else if (step instanceof Command c && c.skipped()) {
                System.out.printf("workshop: skipped (%s): %s%n", c.skipReason(), c.line());
            } else if (step instanceof Command c && c.isLabCheck()) {
                checks.add(c);
            } else if (step instanceof Command c) {
                verify(page, c, shell.run(c.line()));
            }
        }
    }

    private static void verify(ModulePage page, Command c, WorkshopShell.Result r) {
        String where = page.path() + ": $ " + c.line();
        if (r.exitCode() != c.exitCode()) {
            fail("%s%nexited %d, the page says %d; output:%n%s", where, r.exitCode(), c.exitCode(), r.output());
        }
        Optional<String> missing = c.expected().firstMissing(r.output());
        missing.ifPresent(line -> fail("%s%nthe page promises (in this order) a line matching%n  %s%nbut the output was:%n%s",
                where, line, r.output()));
    }

    private static void copySolutionFiles(Path solution) throws IOException {
        try (Stream<Path> files = Files.walk(solution)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("solution.md")) {
                    continue;
                }
                Path target = shell.folder().resolve(solution.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
