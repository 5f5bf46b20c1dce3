package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.RouteMatch;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@link RouteMatch} compiled once, when the route is set, and tested on every request. A regular expression
 * must match the whole value (as Istio's and Traefik's matchers do) and gives up, not matching, after
 * {@link #REGEX_BUDGET} character reads: a pattern that backtracks catastrophically on a hostile header costs a
 * request a few milliseconds, never a router thread.
 */
final class RequestMatcher {

    /** Character reads a regular expression may make on one value. */
    static final int REGEX_BUDGET = 100_000;

    private final RouteMatch match;
    private final Pattern pattern;

    RequestMatcher(RouteMatch match) {
        this.match = match;
        this.pattern = match.mode() == RouteMatch.Mode.REGEX ? RouteMatch.compile(match.value()) : null;
    }

    static List<RequestMatcher> all(List<RouteMatch> matches) {
        return matches.stream().map(RequestMatcher::new).toList();
    }

    /** True when every matcher accepts the request (so an empty list accepts all). */
    static boolean allMatch(List<RequestMatcher> matchers, HttpServletRequest request) {
        for (RequestMatcher m : matchers) {
            if (!m.matches(request)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(HttpServletRequest request) {
        return matches(match.source() == RouteMatch.Source.HEADER ? request.getHeader(match.name())
                : cookie(request, match.name()));
    }

    /** The value test alone; null (no such header or cookie) never matches. */
    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return switch (match.mode()) {
            case EXACT -> value.equals(match.value());
            case PREFIX -> value.startsWith(match.value());
            case REGEX -> regex(value);
        };
    }

    private boolean regex(String value) {
        try {
            return pattern.matcher(new Budgeted(value)).matches();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    /** The value of the request's cookie {@code name}, or null; shared with the affinity cookie. */
    static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A value that refuses to be read more than {@link #REGEX_BUDGET} times. */
    private static final class Budgeted implements CharSequence {
        private final CharSequence text;
        private final int[] reads;

        Budgeted(CharSequence text) {
            this(text, new int[1]);
        }

        private Budgeted(CharSequence text, int[] reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > REGEX_BUDGET) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.subSequence(start, end), reads);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
