package dev.canarylab.lab.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PromQL templates of a canary config. Placeholders:
 * <ul>
 *   <li>{@code ${track}}: stable, baseline or canary (the {@code track} label of sample-app and the router)</li>
 *   <li>{@code ${version}}: the version running on that track (v1, v2...)</li>
 *   <li>{@code ${namespace}}: the namespace the lab runs in (the local runtime labels its targets
 *       {@code canary-lab})</li>
 *   <li>{@code ${step}}: the resolution of a range query</li>
 *   <li>{@code ${window}}: what one value covers, for {@code rate}/{@code increase}: one step in per-step
 *       series, the whole analysis window for counts</li>
 * </ul>
 */
public final class PromQl {

    public static final String TRACK = "track";
    public static final String VERSION = "version";
    public static final String NAMESPACE = "namespace";
    public static final String STEP = "step";
    public static final String WINDOW = "window";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_]+)}");

    private PromQl() {
    }

    /** The template with every placeholder replaced; a placeholder with no value is an error naming it. */
    public static String resolve(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the template uses ${" + m.group(1) + "}, which "
                        + (values.containsKey(m.group(1)) ? "has no value here" : "is not a placeholder (known: "
                        + "${track}, ${version}, ${namespace}, ${step}, ${window})"));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    /** A PromQL duration: whole seconds when exact ("2s"), else milliseconds; at least 1 ms. */
    public static String duration(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
