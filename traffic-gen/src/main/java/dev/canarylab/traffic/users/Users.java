package dev.canarylab.traffic.users;

import dev.canarylab.traffic.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who the virtual users are: how many requests each one sends, the pause between them, and which share of them
 * send the run's extra headers and start with its cookies. Each user has its own cookie jar (Gatling's), so a
 * cookie the target sets, such as a session-affinity pin, goes back with that user's next requests.
 *
 * @param requestsPerUser requests one user sends, one after the other; 1 is a pure open model
 * @param thinkTime the pause between two requests of a user (zero when a user sends one)
 * @param headerShare the share of users, 0 to 1, whose requests carry the {@code --header} headers
 * @param cookies cookies every user of the cookie share has in its jar from the start
 * @param cookieShare the share of users, 0 to 1, that start with {@code cookies}
 */
public record Users(int requestsPerUser, Duration thinkTime, double headerShare, Map<String, String> cookies,
                    double cookieShare) {

    public static final int MAX_REQUESTS_PER_USER = 1000;
    public static final Duration DEFAULT_THINK_TIME = Duration.ofSeconds(1);
    static final Duration MAX_THINK_TIME = Duration.ofMinutes(10);
    /** RFC 6265: a cookie name is a token; a value is cookie-octets (no space, quote, comma, semicolon, backslash). */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{0,256}");
    /** One request per user, no pause, headers and cookies for all: the plain open model (declared last: it is checked). */
    public static final Users ONE_REQUEST_EACH = new Users(1, Duration.ZERO, 1, Map.of(), 1);

    public Users {
        if (requestsPerUser < 1 || requestsPerUser > MAX_REQUESTS_PER_USER) {
            throw new IllegalArgumentException("--requests-per-user must be 1 to " + MAX_REQUESTS_PER_USER + ", got "
                    + requestsPerUser);
        }
        if (thinkTime == null || thinkTime.isNegative() || thinkTime.compareTo(MAX_THINK_TIME) > 0) {
            throw new IllegalArgumentException("--think-time must be 0 to 10m, got "
                    + (thinkTime == null ? "none" : Durations.format(thinkTime)));
        }
        if (requestsPerUser == 1 && !thinkTime.isZero()) {
            throw new IllegalArgumentException("--think-time needs --requests-per-user above 1 (a user sending one request never pauses)");
        }
        checkShare("--header-share", headerShare);
        checkShare("--cookie-share", cookieShare);
        cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
        cookies.forEach(Users::checkCookie);
        if (cookies.isEmpty() && cookieShare < 1) {
            throw new IllegalArgumentException("--cookie-share needs a --cookie to send");
        }
    }

    /** A user that sends {@code n} requests, {@code think} apart. */
    public static Users sessions(int n, Duration think) {
        return new Users(n, n == 1 ? Duration.ZERO : think, 1, Map.of(), 1);
    }

    public Users withHeaderShare(double share) {
        return new Users(requestsPerUser, thinkTime, share, cookies, cookieShare);
    }

    public Users withCookies(Map<String, String> jar, double share) {
        return new Users(requestsPerUser, thinkTime, headerShare, jar, share);
    }

    /** Parses {@code NAME=VALUE}, as {@code --cookie} takes it. */
    public static Map.Entry<String, String> parseCookie(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("cookie '" + spec + "' is not NAME=VALUE");
        }
        String name = spec.substring(0, eq).strip();
        String value = spec.substring(eq + 1).strip();
        checkCookie(name, value);
        return Map.entry(name, value);
    }

    /** Users arrive this many times slower than requests do, so the request rate is still the shape's. */
    public double arrivalsPerRequest() {
        return 1.0 / requestsPerUser;
    }

    /** How long a user's requests go on after it arrived, not counting their response times. */
    public Duration session() {
        return thinkTime.multipliedBy(requestsPerUser - 1L);
    }

    private static void checkShare(String flag, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(flag + " must be above 0 and at most 1 (a share of the users), got " + share);
        }
    }

    private static void checkCookie(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cookie name '" + name + "' must be 1 to 64 token characters (letters, digits, '-', '_'...)");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("cookie " + name + ": value '" + value
                    + "' must be at most 256 characters without spaces, quotes, commas, semicolons or backslashes");
        }
    }
}
