package dev.canarylab.traffic.users;

/**
 * Which users are in the header share and which in the cookie share. User {@code k} is in a share {@code s} when
 * {@code frac(offset + k * step) < s}: with an irrational step (Weyl's equidistribution) every run of consecutive
 * users holds the share to within a couple of users, so a short run already shows it, unlike coin flips; two
 * different steps make the header and cookie shares close to independent, unlike "every fifth user" for both.
 * The offset comes from the seed, so the same seed picks the same users.
 */
public final class Cohorts {

    /** The golden ratio's fractional part and sqrt(2) - 1: the two steps farthest from any fraction. */
    private static final double HEADER_STEP = 0.6180339887498949;
    private static final double COOKIE_STEP = 0.41421356237309515;

    private final double headerShare;
    private final double cookieShare;
    private final double offset;

    public Cohorts(double headerShare, double cookieShare, long seed) {
        this.headerShare = headerShare;
        this.cookieShare = cookieShare;
        this.offset = frac(new java.util.SplittableRandom(seed).nextDouble());
    }

    /** Whether user {@code k} (0, 1, 2... in order of arrival) sends the extra headers. */
    public boolean header(long user) {
        return headerShare >= 1 || frac(offset + user * HEADER_STEP) < headerShare;
    }

    /** Whether user {@code k} starts with the cookies. */
    public boolean cookie(long user) {
        return cookieShare >= 1 || frac(offset + user * COOKIE_STEP) < cookieShare;
    }

    private static double frac(double x) {
        return x - Math.floor(x);
    }
}
