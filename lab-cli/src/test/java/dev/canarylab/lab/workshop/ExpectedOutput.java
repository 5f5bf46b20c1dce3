package dev.canarylab.lab.workshop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output a workshop page promises under a command, and whether a real run kept the promise.
 *
 * <p>Rules (also in docs/workshop/README.md, "For maintainers"): each non-blank expected line must occur in the
 * output, in the page's order, each within one output line (a page may leave any output lines out). Within a
 * line: runs of spaces match any run of spaces, {@code ...} matches anything, a timestamp such as {@code [  36s]}
 * or {@code [ 2m49]} matches any timestamp, and a number that does not follow a letter or digit ({@code 3.25},
 * {@code 616}, {@code 1.4e-08}) matches any number, so timings and measurements may differ between runs while
 * names keep their digits: {@code v2} never matches {@code v4}, nor {@code p95} {@code p99}. A line that is just
 * {@code ...} marks left-out output and is not matched.
 */
final class ExpectedOutput {

    private static final Pattern TIMESTAMP = Pattern.compile("\\[\\s*\\d+(?:s|m\\d+)\\]");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9.])\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?");
    private static final String ANY_NUMBER = "\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?";

    private final List<String> lines;
    private final List<Pattern> patterns = new ArrayList<>();

    ExpectedOutput(List<String> lines) {
        this.lines = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("...")).toList();
        this.lines.forEach(l -> patterns.add(Pattern.compile(toRegex(l))));
    }

    List<String> lines() {
        return lines;
    }

    /** The first expected line not found (in order) in {@code output}, or empty when every line was. */
    Optional<String> firstMissing(String output) {
        String[] actual = output.split("\\R");
        int from = 0;
        for (int i = 0; i < patterns.size(); i++) {
            int found = -1;
            for (int j = from; j < actual.length && found < 0; j++) {
                if (patterns.get(i).matcher(actual[j]).find()) {
                    found = j;
                }
            }
            if (found < 0) {
                return Optional.of(lines.get(i));
            }
            from = found + 1;
        }
        return Optional.empty();
    }

    static String toRegex(String line) {
        StringBuilder regex = new StringBuilder();
        String[] parts = line.split("\\.\\.\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(literal(parts[i]));
        }
        return regex.toString();
    }

    /** One part between "..." wildcards: timestamps and numbers become patterns, spaces flexible, the rest quoted. */
    private static String literal(String part) {
        StringBuilder out = new StringBuilder();
        Matcher ts = TIMESTAMP.matcher(part);
        int at = 0;
        while (ts.find()) {
            out.append(numbersAndText(part.substring(at, ts.start()))).append("\\[\\s*[0-9ms]+\\]");
            at = ts.end();
        }
        return out.append(numbersAndText(part.substring(at))).toString();
    }

    private static String numbersAndText(String text) {
        StringBuilder out = new StringBuilder();
        Matcher n = NUMBER.matcher(text);
        int at = 0;
        while (n.find()) {
            out.append(text(text.substring(at, n.start()))).append(ANY_NUMBER);
            at = n.end();
        }
        return out.append(text(text.substring(at))).toString();
    }

    private static String text(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split(" +", -1)) {
            words.add(word.isEmpty() ? "" : Pattern.quote(word));
        }
        return String.join(" +", words);
    }
}
