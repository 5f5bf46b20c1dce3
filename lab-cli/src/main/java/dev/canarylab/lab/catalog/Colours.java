package dev.canarylab.lab.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The colours a version may have: a CSS named colour, #rgb or #rrggbb. Stricter than sample-app (any letters):
 * the dashboard paints each version with its colour, and a name CSS does not know paints nothing.
 */
final class Colours {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");
    private static final Set<String> NAMES = load();

    private Colours() {
    }

    static boolean valid(String colour) {
        return HEX.matcher(colour).matches() || NAMES.contains(colour.toLowerCase(Locale.ROOT));
    }

    static Set<String> names() {
        return NAMES;
    }

    private static Set<String> load() {
        try (InputStream in = Colours.class.getResourceAsStream("css-colours.txt")) {
            if (in == null) {
                throw new IllegalStateException("css-colours.txt missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#"))
                    .flatMap(l -> Arrays.stream(l.trim().split("\\s+")))
                    .filter(w -> !w.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
