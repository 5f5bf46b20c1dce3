package dev.canarylab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.analysis.Verdict;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/exit-codes.md's table, {@code lab --help} and {@link ExitCodes} name the same codes. */
class ExitCodesDocumentedTest {

    /** scripts/lab's own: building the jars failed (no Java code returns it). */
    private static final int LAUNCHER = 4;

    private static Set<Integer> constants() {
        Set<Integer> codes = new TreeSet<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    codes.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        codes.add(LAUNCHER);
        return codes;
    }

    private static Set<Integer> documentedTable() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "exit-codes.md"));
        int start = page.indexOf("# Exit codes of `lab`");
        assertThat(start).as("the exit code page's title").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| .+\\|$").matcher(page.substring(start, end < 0 ? page.length() : end));
        Set<Integer> codes = new TreeSet<>();
        while (row.find()) {
            codes.add(Integer.parseInt(row.group(1)));
        }
        return codes;
    }

    @Test
    void theDocumentedTableListsEveryExitCodeAndNoOther() throws IOException {
        assertThat(documentedTable()).isEqualTo(constants());
    }

    @Test
    void labHelpListsEveryExitCodeAndNoOther() {
        List<String> keys = List.copyOf(Lab.commandLine().getCommandSpec().usageMessage().exitCodeList().keySet());
        Set<Integer> help = keys.stream().map(String::strip).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(help).isEqualTo(constants());
    }

    @Test
    void labJudgeHelpListsTheExitCodeOfEveryVerdict() {
        Set<Integer> help = Lab.commandLine().getSubcommands().get("judge").getCommandSpec().usageMessage()
                .exitCodeList().keySet().stream().map(String::strip).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> verdicts = Arrays.stream(Verdict.values()).map(ExitCodes::of)
                .collect(Collectors.toCollection(TreeSet::new));
        verdicts.add(ExitCodes.USAGE);
        assertThat(help).isEqualTo(verdicts);
    }

    @Test
    void everyExitCodeHasItsOwnValue() {
        long fields = Arrays.stream(ExitCodes.class.getFields()).filter(f -> f.getType() == int.class).count();
        assertThat(constants()).hasSize((int) fields + 1);
    }
}
