package dev.canarylab.lab.catalog;

import dev.canarylab.lab.config.DurationText;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sample-app accepts for each fault flag, mirrored from its {@code SampleOptions}, {@code Faults} and
 * {@code Units}: so that the catalogue refuses a value when it is read, not when an instance refuses to start.
 * Durations are read by the same grammar in both ({@code DurationText}, one copy in each module).
 * {@code CatalogAgreesWithSampleAppTest} runs sample-app's own parser on the same values.
 */
final class FaultValues {

    private enum Kind { DURATION, FRACTION, BYTES, COUNT, EXIT_CODE, BOOLEAN }

    private static final Map<String, Kind> FLAGS = Map.ofEntries(
            Map.entry("latency", Kind.DURATION), Map.entry("latency-jitter", Kind.DURATION),
            Map.entry("latency-ratio", Kind.FRACTION), Map.entry("error-rate", Kind.FRACTION),
            Map.entry("payload-bloat", Kind.BYTES), Map.entry("cpu-burn", Kind.DURATION),
            Map.entry("leak", Kind.BYTES), Map.entry("leak-cap", Kind.BYTES),
            Map.entry("crash-after-requests", Kind.COUNT), Map.entry("crash-after", Kind.DURATION),
            Map.entry("crash-exit-code", Kind.EXIT_CODE), Map.entry("unready", Kind.BOOLEAN),
            Map.entry("unhealthy", Kind.BOOLEAN), Map.entry("slow-start", Kind.DURATION));

    // sample-app's Units for sizes: a non-negative number, then a unit; surrounding blanks allowed.
    private static final Pattern QUANTITY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");
    private static final Map<String, Long> BYTES = Map.of("b", 1L, "kb", 1_000L, "kib", 1_024L, "mb", 1_000_000L,
            "mib", 1_048_576L, "gb", 1_000_000_000L, "gib", 1_073_741_824L);

    private FaultValues() {
    }

    /** sample-app's fault flags, sorted. */
    static Set<String> flags() {
        return new TreeSet<>(FLAGS.keySet());
    }

    static boolean known(String flag) {
        return FLAGS.containsKey(flag);
    }

    /** Why sample-app would refuse {@code value} for {@code --flag}, or null when it takes it. */
    static String refusal(String flag, String value) {
        return switch (FLAGS.get(flag)) {
            case DURATION -> DurationText.parse(value).isPresent() ? null
                    : "a duration such as 250ms, 1.5s or 1m30s (units: us, ms, s, m, h; 0 alone)";
            case BYTES -> quantity(value, BYTES, true) ? null
                    : "a size such as 512B, 64KiB or 2MB (units: B, KB, KiB, MB, MiB, GB, GiB; 0 alone)";
            case FRACTION -> fraction(value) ? null : "a fraction from 0 to 1, such as 0.05";
            case COUNT -> whole(value, 0, Long.MAX_VALUE) ? null : "a whole number, 0 or more (0 is off)";
            case EXIT_CODE -> whole(value, 1, 255) ? null : "a whole number from 1 to 255";
            case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : "true or false";
        };
    }

    private static boolean quantity(String text, Map<String, Long> units, boolean ignoreCase) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return false;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = ignoreCase ? m.group(2).toLowerCase(Locale.ROOT) : m.group(2);
        if (unit.isEmpty()) {
            return amount.signum() == 0;
        }
        Long factor = units.get(unit);
        if (factor == null) {
            return false;
        }
        try {
            amount.multiply(BigDecimal.valueOf(factor)).toBigInteger().longValueExact();
            return true;
        } catch (ArithmeticException tooLarge) {
            return false;
        }
    }

    // picocli reads doubles with Double.valueOf and whole numbers with Long.valueOf, as here.
    private static boolean fraction(String text) {
        try {
            double v = Double.parseDouble(text);
            return v >= 0 && v <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean whole(String text, long min, long max) {
        try {
            long v = Long.parseLong(text);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
