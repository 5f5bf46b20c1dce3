package dev.canarylab.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations ("250ms", "1m30s") and byte sizes ("64KiB", "2MB") used by flags and the admin API. */
public final class Units {

    private static final Pattern QUANTITY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

    private static final String DURATION = "a duration such as 250ms, 1.5s or 1m30s (units: us, ms, s, m, h; 0 alone)";

    // SI prefixes are powers of 1000 and IEC prefixes powers of 1024, as the units themselves say.
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of(
            "b", 1L,
            "kb", 1_000L,
            "kib", 1_024L,
            "mb", 1_000_000L,
            "mib", 1_048_576L,
            "gb", 1_000_000_000L,
            "gib", 1_073_741_824L);

    private Units() {
    }

    /** A non-negative duration in the lab's one grammar ({@link DurationText}): "250ms", "1.5s", "1m30s", "0". */
    public static Duration parseDuration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected " + DURATION + ", got nothing");
        }
        return DurationText.parse(text).orElseThrow(() -> {
            String why = DurationText.refusal(text);
            return new IllegalArgumentException(why.endsWith("too large") ? why : why.startsWith("'")
                    ? "expected " + DURATION + ", got '" + text + "'" : why + ": expected " + DURATION);
        });
    }

    /** A non-negative byte size with a unit: B, KB, KiB, MB, MiB, GB or GiB. "0" alone is accepted. */
    public static long parseBytes(String text) {
        return parse(text, BYTES_PER_UNIT, "a size such as 512B, 64KiB or 2MB (units: B, KB, KiB, MB, MiB, GB, GiB)", true)
                .longValueExact();
    }

    private static BigDecimal parse(String text, Map<String, Long> units, String expected, boolean ignoreCase) {
        if (text == null) {
            throw new IllegalArgumentException("expected " + expected + ", got nothing");
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = ignoreCase ? m.group(2).toLowerCase(Locale.ROOT) : m.group(2);
        if (unit.isEmpty()) {
            if (amount.signum() == 0) {
                return BigDecimal.ZERO;
            }
            throw new IllegalArgumentException("missing unit in '" + text.strip() + "': expected " + expected);
        }
        Long factor = units.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' in '" + text.strip() + "': expected " + expected);
        }
        BigDecimal value = amount.multiply(BigDecimal.valueOf(factor));
        try {
            return new BigDecimal(value.toBigInteger().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is too large");
        }
    }

    /** The form every module prints ({@link DurationText}): "250ms", "1.5s", "1m30s", "0". */
    public static String format(Duration d) {
        return DurationText.format(d);
    }

    /** The shortest exact form: "64KiB", "1500B", "2MB", "0". */
    public static String formatBytes(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[][] order = {{"GiB", "gib"}, {"GB", "gb"}, {"MiB", "mib"}, {"MB", "mb"}, {"KiB", "kib"}, {"KB", "kb"}};
        for (String[] unit : order) {
            long factor = BYTES_PER_UNIT.get(unit[1]);
            if (bytes % factor == 0) {
                return bytes / factor + unit[0];
            }
        }
        return bytes + "B";
    }
}
