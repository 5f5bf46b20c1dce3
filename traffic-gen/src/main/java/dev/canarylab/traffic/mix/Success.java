package dev.canarylab.traffic.mix;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response statuses that count as success for one request of the mix: {@code [201]}, {@code [2xx, 404]}.
 * By default 2xx and 3xx, as for every request before mixes existed. This is the client's view (traffic-gen's
 * ok/ko, its assertions); the judge counts errors at the router, where a 5xx is an error whatever the mix says.
 */
public final class Success {

    private static final Pattern CLASS = Pattern.compile("([1-5])xx");

    /** 2xx and 3xx: any status below 400. */
    public static final Success DEFAULT = parse(List.of("2xx", "3xx"));
    private final BitSet statuses;
    private final String text;

    private Success(BitSet statuses, String text) {
        this.statuses = statuses;
        this.text = text;
    }

    /**
     * Reads statuses such as {@code 200} or {@code "404"} and classes such as {@code "2xx"}; an unknown one
     * names itself in the exception.
     */
    public static Success parse(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("success lists no status; give at least one, e.g. [200] or [2xx]");
        }
        BitSet set = new BitSet(600);
        for (String item : items) {
            String s = item.strip().toLowerCase(Locale.ROOT);
            Matcher m = CLASS.matcher(s);
            if (m.matches()) {
                int from = Integer.parseInt(m.group(1)) * 100;
                set.set(from, from + 100);
            } else if (s.matches("[1-5]\\d\\d")) {
                set.set(Integer.parseInt(s));
            } else {
                throw new IllegalArgumentException("success: '" + item + "' is not an HTTP status (100-599) or a class"
                        + " such as 2xx");
            }
        }
        return new Success(set, String.join(", ", items.stream().map(String::strip).toList()));
    }

    public boolean matches(int status) {
        return status >= 0 && statuses.get(status);
    }

    /** Every status that counts as success, in order (for Gatling's {@code status().in(...)}). */
    public List<Integer> statuses() {
        List<Integer> list = new ArrayList<>();
        statuses.stream().forEach(list::add);
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Success other && other.statuses.equals(statuses);
    }

    @Override
    public int hashCode() {
        return statuses.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
