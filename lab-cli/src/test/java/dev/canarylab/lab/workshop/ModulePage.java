package dev.canarylab.lab.workshop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable parts of a workshop page, in page order.
 *
 * <p>Markup (also in docs/workshop/README.md, "For maintainers"):
 * <ul>
 *   <li>A fenced block whose info string is {@code console} holds commands: each line starting with {@code $ }
 *       is one command (a trailing {@code \} continues it on the next line), and the lines under it, up to the
 *       next command, are the output the page promises ({@link ExpectedOutput} has the matching rules).</li>
 *   <li>A command's trailing comment may say {@code # exit N} (the exit code the page promises; 0 otherwise) or
 *       {@code # not in CI: reason} (shown to readers, skipped by the test).</li>
 *   <li>A fenced block whose info string holds {@code file=NAME} (e.g. {@code ```yaml file=quick-canary.yaml})
 *       is a file the attendee saves in their workshop folder; the test writes it there at that point.</li>
 *   <li>Every other block is prose for the reader.</li>
 * </ul>
 */
record ModulePage(Path path, List<Step> steps) {

    sealed interface Step permits WriteFile, Command {
    }

    record WriteFile(String name, String content) implements Step {
    }

    record Command(String line, ExpectedOutput expected, int exitCode, String skipReason) implements Step {

        boolean skipped() {
            return skipReason != null;
        }

        boolean isLabCheck() {
            return line.matches("lab\\s+check(\\s.*)?");
        }
    }

    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)(.*)$");
    private static final Pattern FILE = Pattern.compile("\\bfile=(\\S+)");
    private static final Pattern COMMENT = Pattern.compile("\\s#\\s*([^#]*)$");
    private static final Pattern EXIT = Pattern.compile("^exits?\\s+(\\d+)");
    private static final Pattern NOT_IN_CI = Pattern.compile("^not in CI\\b:?\\s*(.*)");

    static ModulePage read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || fence.group(1).isEmpty() && fence.group(2).isBlank()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            List<String> body = lines.subList(i + 1, Math.min(end, lines.size()));
            Matcher file = FILE.matcher(fence.group(2));
            if (fence.group(1).equals("console")) {
                steps.addAll(commands(body));
            } else if (file.find()) {
                steps.add(new WriteFile(file.group(1), String.join("\n", body) + "\n"));
            }
            i = end;
        }
        return new ModulePage(page, steps);
    }

    private static List<Command> commands(List<String> body) {
        List<Command> out = new ArrayList<>();
        int i = 0;
        while (i < body.size()) {
            if (!body.get(i).startsWith("$ ")) {
                i++;
                continue;
            }
            String line = body.get(i).substring(2);
            while (line.endsWith("\\") && i + 1 < body.size()) {
                line = line.substring(0, line.length() - 1).strip() + " " + body.get(++i).strip();
            }
            List<String> expected = new ArrayList<>();
            while (++i < body.size() && !body.get(i).startsWith("$ ")) {
                expected.add(body.get(i));
            }
            out.add(command(line.strip(), expected));
        }
        return out;
    }

    private static Command command(String line, List<String> expected) {
        int exit = 0;
        String skip = null;
        Matcher comment = COMMENT.matcher(line);
        if (comment.find()) {
            String text = comment.group(1).strip();
            Matcher e = EXIT.matcher(text);
            Matcher n = NOT_IN_CI.matcher(text);
            if (e.find()) {
                exit = Integer.parseInt(e.group(1));
            } else if (n.find()) {
                skip = n.group(1).isEmpty() ? "not in CI" : n.group(1);
            }
            line = line.substring(0, comment.start()).strip();
        }
        return new Command(line, new ExpectedOutput(expected), exit, skip);
    }
}
