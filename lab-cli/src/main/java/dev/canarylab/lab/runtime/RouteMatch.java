package dev.canarylab.lab.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.canarylab.lab.LabException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a request: a header or a cookie whose value is exactly, starts with, or (as a whole) matches a
 * regular expression, like the {@code headerValue: {exact|prefix|regex}} of Argo Rollouts' {@code setHeaderRoute}.
 * A request without the header or cookie never matches. Validated here so every runtime refuses the same input.
 *
 * @param name the header name (case-insensitive) or the cookie name (case-sensitive)
 */
public record RouteMatch(Source source, String name, Mode mode, String value) {

    /** Longest value or regular expression accepted: a route is a rule for people to read, not a program. */
    public static final int MAX_VALUE = 256;
    /** RFC 9110 token characters: a header name, and (RFC 6265) a cookie name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    public enum Source {
        HEADER, COOKIE;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Source parse(String text) {
            return RouteMatch.parse(Source.class, text, "header or cookie");
        }
    }

    public enum Mode {
        EXACT, PREFIX, REGEX;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode parse(String text) {
            return RouteMatch.parse(Mode.class, text, "exact, prefix or regex");
        }
    }

    public RouteMatch {
        if (source == null || mode == null) {
            throw LabException.badInput("a route match needs a source (header or cookie) and a mode (exact, prefix or regex)");
        }
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw LabException.badInput("a " + source.label() + " name is 1 to 64 token characters (letters, digits, '-', '_'...), got '"
                    + name + "'");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            throw LabException.badInput("the value to match on " + source.label() + " " + name + " is 1 to " + MAX_VALUE
                    + " characters, got " + (value == null ? "none" : value.length()));
        }
        if (mode == Mode.REGEX) {
            compile(value);
        }
    }

    public static RouteMatch header(String name, Mode mode, String value) {
        return new RouteMatch(Source.HEADER, name, mode, value);
    }

    public static RouteMatch cookie(String name, Mode mode, String value) {
        return new RouteMatch(Source.COOKIE, name, mode, value);
    }

    /** The regular expression of a REGEX match, compiled; refuses an invalid one in one line. */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw LabException.badInput("invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    /** As status shows it: {@code header X-Beta = on}, {@code cookie beta ^= yes}, {@code header X-User ~ .*@corp}. */
    public String describe() {
        String op = switch (mode) {
            case EXACT -> "=";
            case PREFIX -> "^=";
            case REGEX -> "~";
        };
        return source.label() + " " + name + " " + op + " " + value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String expected) {
        for (E e : type.getEnumConstants()) {
            if (text != null && e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw LabException.badInput("unknown '" + text + "'; expected " + expected);
    }
}
