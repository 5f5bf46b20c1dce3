package dev.canarylab.lab.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A catalogue version that is not sample-app: how the local runtime starts it ({@code command:}, or {@code jar:}
 * with {@code args:} and {@code jvmArgs:}), how a cluster runs it ({@code image:} and {@code port:}), and how the
 * lab checks it. Strings may hold the placeholders {@code ${PORT}}, {@code ${VERSION}}, {@code ${TRACK}} and
 * {@code ${INSTANCE}}, filled per instance.
 *
 * @param command the argv of the local runtime, or empty when the version runs from {@link #jar} or only on a cluster
 * @param jar the jar to run with the lab's own {@code java}, absolute, or null
 * @param workdir where the process starts (the catalogue's folder unless {@code workdir:} says otherwise)
 * @param metricsPath where the service answers Prometheus text, or null when it does not
 * @param image the container image on a cluster, or null when the version runs only locally
 * @param port the container's port on a cluster (0 without an image)
 */
public record ServiceSpec(List<String> command, Path jar, List<String> args, List<String> jvmArgs,
        Map<String, String> env, Path workdir, Readiness readiness, Duration startTimeout, String metricsPath,
        String image, int port) {

    public static final String PORT = "${PORT}";
    public static final List<String> PLACEHOLDERS = List.of(PORT, "${VERSION}", "${TRACK}", "${INSTANCE}");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public ServiceSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        jvmArgs = List.copyOf(jvmArgs);
        env = Map.copyOf(env);
    }

    /** Whether the local runtime can start it (a command or a jar). */
    public boolean runsLocally() {
        return !command.isEmpty() || jar != null;
    }

    /**
     * The local argv with every placeholder filled by {@code fill}; a jar runs with {@code java} (the lab's own),
     * its jvmArgs, then {@code -jar} and its args.
     */
    public List<String> argv(String java, UnaryOperator<String> fill) {
        List<String> out = new ArrayList<>();
        if (jar != null) {
            out.add(java);
            jvmArgs.forEach(a -> out.add(fill.apply(a)));
            out.add("-jar");
            out.add(jar.toString());
            args.forEach(a -> out.add(fill.apply(a)));
        } else {
            command.forEach(a -> out.add(fill.apply(a)));
        }
        return out;
    }
}
