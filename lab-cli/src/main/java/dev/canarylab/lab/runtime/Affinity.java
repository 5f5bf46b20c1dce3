package dev.canarylab.lab.runtime;

import dev.canarylab.lab.LabException;
import java.util.regex.Pattern;

/**
 * Session affinity (Flagger's {@code sessionAffinity}): the router sets a cookie naming the track and version that
 * first served a client, and sends that client's weighted requests there while that track runs that version and
 * has a ready instance. When it does not (a rollback, a promotion, a new canary version), the request is routed by
 * the weights and the cookie re-pinned to what served it. Header and cookie routes still come first.
 *
 * @param cookie the cookie's name
 * @param maxAgeSeconds how long a browser keeps the pin
 */
public record Affinity(String cookie, long maxAgeSeconds) {

    public static final String DEFAULT_COOKIE = "lab-affinity";
    /** A day, as Flagger's default. */
    public static final long DEFAULT_MAX_AGE_SECONDS = 86_400;
    /** A year: longer than any canary. */
    public static final long MAX_MAX_AGE_SECONDS = 365L * 86_400;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    public Affinity {
        if (cookie == null || !TOKEN.matcher(cookie).matches()) {
            throw LabException.badInput("an affinity cookie name is 1 to 64 token characters (letters, digits, '-', '_'...), got '"
                    + cookie + "'");
        }
        if (maxAgeSeconds < 1 || maxAgeSeconds > MAX_MAX_AGE_SECONDS) {
            throw LabException.badInput("the affinity cookie's max-age is 1 s to 365 days, got " + maxAgeSeconds + " s");
        }
    }

    public static Affinity defaults() {
        return new Affinity(DEFAULT_COOKIE, DEFAULT_MAX_AGE_SECONDS);
    }

    public String describe() {
        return "cookie " + cookie + ", max-age " + maxAgeSeconds + " s";
    }
}
