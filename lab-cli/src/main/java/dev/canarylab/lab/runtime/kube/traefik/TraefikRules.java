package dev.canarylab.lab.runtime.kube.traefik;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A route's conditions as a Traefik v3 rule (the syntax of the Traefik that k3s ships): {@code Header(`X-Beta`,
 * `on`)} for an exact header, {@code HeaderRegexp} for a prefix or a regular expression (Go's RE2, anchored, since
 * Traefik's matches anywhere in the value and the lab's must match the whole value), and for a cookie a
 * {@code HeaderRegexp} on the Cookie header, since Traefik has no cookie matcher. Conditions join with {@code &&}.
 */
public final class TraefikRules {

    /** Java regex features that Go's RE2 lacks: lookaround, back-references, atomic groups, possessive quantifiers. */
    private static final Pattern NOT_RE2 = Pattern.compile("\\(\\?<?[=!]|\\(\\?>|\\\\[1-9]|\\\\k<|[*+?}]\\+");

    private TraefikRules() {
    }

    public static String rule(List<RouteMatch> match) {
        return match.stream().map(TraefikRules::matcher).collect(Collectors.joining(" && "));
    }

    static String matcher(RouteMatch m) {
        check(m);
        if (m.source() == RouteMatch.Source.HEADER) {
            return switch (m.mode()) {
                case EXACT -> "Header(" + lit(m.name()) + ", " + lit(m.value()) + ")";
                case PREFIX -> "HeaderRegexp(" + lit(m.name()) + ", " + lit("^" + quote(m.value())) + ")";
                case REGEX -> "HeaderRegexp(" + lit(m.name()) + ", " + lit("^(?:" + m.value() + ")$") + ")";
            };
        }
        String value = switch (m.mode()) {
            case EXACT -> quote(m.value()) + "(?:;|$)";
            case PREFIX -> quote(m.value());
            case REGEX -> "(?:" + m.value() + ")(?:;|$)";
        };
        return "HeaderRegexp(`Cookie`, " + lit("(?:^|;\\s*)" + quote(m.name()) + "=" + value) + ")";
    }

    private static void check(RouteMatch m) {
        if (m.name().contains("`") || m.value().contains("`")) {
            throw LabException.badInput(m.describe() + ": a backtick cannot go into a Traefik rule");
        }
        if (m.mode() == RouteMatch.Mode.REGEX && NOT_RE2.matcher(m.value()).find()) {
            throw LabException.badInput(m.describe() + ": Traefik's regular expressions (Go RE2) have no lookaround,"
                    + " back-references, atomic groups or possessive quantifiers");
        }
    }

    private static String lit(String s) {
        return "`" + s + "`";
    }

    /** RE2's QuoteMeta: the text as a literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
