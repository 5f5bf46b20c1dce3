package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --header} and {@code --cookie} options of {@code lab route} and {@code lab mirror}:
 * {@code NAME=VALUE} is exact, {@code NAME^=PREFIX} a prefix, {@code NAME~=REGEX} a regular expression.
 */
final class MatchArgs {

    static final String SYNTAX = "NAME=VALUE (exact), NAME^=PREFIX or NAME~=REGEX";

    private MatchArgs() {
    }

    static List<RouteMatch> parse(List<String> headers, List<String> cookies) {
        List<RouteMatch> all = new ArrayList<>();
        headers.forEach(h -> all.add(parse(RouteMatch.Source.HEADER, h)));
        cookies.forEach(c -> all.add(parse(RouteMatch.Source.COOKIE, c)));
        return all;
    }

    static RouteMatch parse(RouteMatch.Source source, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw LabException.badInput("--" + source.label() + " takes " + SYNTAX + ", got '" + text + "'");
        }
        RouteMatch.Mode mode = RouteMatch.Mode.EXACT;
        int nameEnd = eq;
        char before = text.charAt(eq - 1);
        if (before == '^' || before == '~') {
            mode = before == '^' ? RouteMatch.Mode.PREFIX : RouteMatch.Mode.REGEX;
            nameEnd = eq - 1;
        }
        return new RouteMatch(source, text.substring(0, nameEnd), mode, text.substring(eq + 1));
    }
}
