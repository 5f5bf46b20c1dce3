package dev.canarylab.lab.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of canary-lab, copied verbatim into sample-app, traffic-gen and lab-cli (only the
 * package differs; the modules share no code): one or more parts of a number and a unit, as Go's
 * {@code time.ParseDuration} reads them but never negative: {@code 250ms}, {@code 1.5s}, {@code 1m30s},
 * {@code 2h}; units {@code us}, {@code ms}, {@code s}, {@code m}, {@code h} (lower case); {@code 0} alone; blanks
 * around it ignored, none inside. Exact to the nanosecond: what is finer, or longer than about 292 years, is
 * refused. docs/durations.tsv holds the vectors every module's test reads.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("us", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private DurationText() {
    }

    /** The duration {@code text} says, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        BigDecimal nanos = nanos(text);
        if (nanos == null || nanos.stripTrailingZeros().scale() > 0 || nanos.toBigInteger().compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** Why {@code text} is not a duration, in a few words for an error line, or null when it is one. */
    public static String refusal(String text) {
        String s = text == null ? "" : text.strip();
        BigDecimal nanos = nanos(s);
        if (nanos != null) {
            return nanos.stripTrailingZeros().scale() > 0 ? "'" + s + "' is finer than a nanosecond"
                    : nanos.toBigInteger().compareTo(MAX) > 0 ? "'" + s + "' is too large" : null;
        }
        if (s.isEmpty()) {
            return "no duration given";
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return "missing unit in '" + s + "'";
        }
        Matcher unit = Pattern.compile("\\d\\s*(\\p{Alpha}+)").matcher(s);
        while (unit.find()) {
            if (!NANOS.containsKey(unit.group(1))) {
                return "unknown unit '" + unit.group(1) + "' in '" + s + "'";
            }
        }
        return "'" + s + "' is not a duration";
    }

    /** The exact nanoseconds {@code text} says, or null when it does not follow the grammar. */
    private static BigDecimal nanos(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("0")) {
            return BigDecimal.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < s.length() && m.find(end) && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end = m.end();
        }
        return end == 0 || end != s.length() ? null : nanos;
    }

    /**
     * The form {@link #parse} reads back to the same value: {@code 0}; under a millisecond in {@code us}, under a
     * second in {@code ms}, with decimals when needed ({@code 1.5ms}); else hours, minutes and seconds, leaving
     * out the parts that are zero ({@code 1h}, {@code 1m30s}, {@code 1.5s}).
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("no duration is negative: " + d);
        }
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "us";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 1_000_000) + "ms";
        }
        StringBuilder b = new StringBuilder();
        long hours = nanos / NANOS.get("h");
        long minutes = nanos % NANOS.get("h") / NANOS.get("m");
        long rest = nanos % NANOS.get("m");
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (rest > 0) {
            b.append(decimal(rest, 1_000_000_000)).append('s');
        }
        return b.toString();
    }

    private static String decimal(long nanos, long unit) {
        return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
